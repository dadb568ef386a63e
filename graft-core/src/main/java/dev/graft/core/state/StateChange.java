package dev.graft.core.state;

/**
 * What a reload did to one state field. {@code field} is a path: {@code count}, {@code origin.x},
 * {@code visits[].name} (every element of a collection). {@code from} and {@code to} are types in
 * text form, null where a side has no such field; {@code detail} is the reason of a reset, or the
 * old name of a renamed field.
 */
public record StateChange(Kind kind, String field, String from, String to, String detail) {

    public enum Kind {
        /** Same name (or renamed), same type: the value is kept. */
        KEPT,
        /** Renamed (the new field says {@code was}); kept or converted as its type says. */
        RENAMED,
        /** Same name, a lossless widening ({@code i32 -> i64}): converted. */
        CONVERTED,
        /** Same name, a type it cannot be converted to: starts at its default. */
        RESET,
        /** A field the old shape did not have: starts at its default. */
        NEW,
        /** A field the new shape does not have: its value is gone. */
        DROPPED
    }

    @Override
    public String toString() {
        return switch (kind) {
            case KEPT -> field + " kept";
            case RENAMED -> field + " renamed from " + detail + (from.equals(to) ? "" : " (" + from + " -> " + to + ")");
            case CONVERTED -> field + " " + from + " -> " + to;
            case RESET -> field + " reset (" + detail + ")";
            case NEW -> field + " new";
            case DROPPED -> field + " dropped";
        };
    }
}
