package dev.graft.core.state;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What happened to a plugin's state in a reload, as the {@code reloaded} event reports it (for the
 * plugin reloaded; dependents re-linked with it keep their shape, so theirs is shared or kept).
 *
 * <ul>
 *   <li>{@link Mode#NONE}: the new version declares no state (and the old one had none either);</li>
 *   <li>{@link Mode#FRESH}: the new version's state starts at its defaults (a first load);</li>
 *   <li>{@link Mode#SHARED}: same shape, host-owned block: the new version uses the old one's block
 *       as it is, and callers never waited;</li>
 *   <li>{@link Mode#MAPPED}: the old state was read at the quiesce point and mapped field by field
 *       into a new value; {@link #changes} says what happened to each field;</li>
 *   <li>{@link Mode#DROPPED}: the old version had state and the new one declares none.</li>
 * </ul>
 */
public record StateReport(Mode mode, List<StateChange> changes) {

    public enum Mode { NONE, FRESH, SHARED, MAPPED, DROPPED }

    public static final StateReport NONE = new StateReport(Mode.NONE, List.of());
    public static final StateReport FRESH = new StateReport(Mode.FRESH, List.of());
    public static final StateReport SHARED = new StateReport(Mode.SHARED, List.of());
    public static final StateReport DROPPED = new StateReport(Mode.DROPPED, List.of());

    public StateReport {
        changes = List.copyOf(changes);
    }

    /** The changes of one kind, in field order. */
    public List<StateChange> changes(StateChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The change reported for a field path, if any. */
    public java.util.Optional<StateChange> change(String field) {
        return changes.stream().filter(c -> c.field().equals(field)).findFirst();
    }

    /** {@code state mapped: count i32 -> i64, label renamed from name, total new, 2 kept}. */
    @Override
    public String toString() {
        return switch (mode) {
            case NONE -> "no state";
            case FRESH -> "state new";
            case SHARED -> "state shared (same shape)";
            case DROPPED -> "state dropped (the new version declares none)";
            case MAPPED -> {
                long kept = changes.stream().filter(c -> c.kind() == StateChange.Kind.KEPT).count();
                String rest = changes.stream().filter(c -> c.kind() != StateChange.Kind.KEPT).map(StateChange::toString)
                        .collect(Collectors.joining(", "));
                yield "state mapped: " + rest + (rest.isEmpty() ? "" : ", ") + kept + " kept";
            }
        };
    }
}
