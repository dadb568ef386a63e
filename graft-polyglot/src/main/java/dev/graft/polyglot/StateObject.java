package dev.graft.polyglot;

import dev.graft.core.state.StateField;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateType;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * {@code graft_state} as a guest sees it: an object with one member per declared field, read and
 * written in place ({@code graft_state.greetings += 1}); a nested struct is an object of the same
 * kind. A value written is checked against the field's type (a fraction for an {@code i64}, a
 * number out of range, a string for a number, an unknown enum constant: refused with what was
 * expected and found, the call fails); an unknown field is refused too.
 */
final class StateObject implements ProxyObject {

    private static final GuestType BYTES = GuestType.of(byte[].class);

    private final ScriptState state;
    private final StateShape shape;
    private final String path;
    /** The map this object shows: null for the top level, whose map {@link ScriptState#install} replaces. */
    private final Map<String, Object> nested;

    StateObject(ScriptState state) {
        this(state, state.shape(), "graft_state", null);
    }

    private StateObject(ScriptState state, StateShape shape, String path, Map<String, Object> nested) {
        this.state = state;
        this.shape = shape;
        this.path = path;
        this.nested = nested;
    }

    private Map<String, Object> values() {
        if (!state.handedOver()) {
            throw new IllegalStateException("expected " + path + " to be used in calls, found it used at the top level, "
                    + "before the state is handed over");
        }
        return nested != null ? nested : state.values();
    }

    private StateField field(String key) {
        Optional<StateField> field = shape.field(key);
        if (field.isEmpty()) {
            throw new IllegalArgumentException("expected one of the fields of " + path + " ("
                    + shape.fields().stream().map(StateField::name).collect(Collectors.joining(", ")) + "), found '" + key + "'");
        }
        return field.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object getMember(String key) {
        StateField field = field(key);
        synchronized (state) {
            Object value = values().get(key);
            return switch (field.type()) {
                case StateType.Struct s -> new StateObject(state, s.shape(), path + "." + key, (Map<String, Object>) value);
                case StateType.Scalar s when value instanceof Character c -> (int) c;
                case StateType.Bytes b -> BYTES.toGuest(value);
                case StateType.Fixed f when !f.chars() -> BYTES.toGuest(value);
                default -> value; // numbers, booleans, strings, enum constants' names
            };
        }
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(shape.fields().stream().map(StateField::name).toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return shape.field(key).isPresent();
    }

    @Override
    public void putMember(String key, Value value) {
        StateField field = field(key);
        Object java = StateConversion.toState(value, field.type(), path + "." + key);
        synchronized (state) {
            values().put(key, java);
        }
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("expected " + path + "'s fields to stay, found an attempt to delete " + key);
    }
}
