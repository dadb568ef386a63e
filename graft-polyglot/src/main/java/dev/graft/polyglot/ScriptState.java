package dev.graft.polyglot;

import dev.graft.core.spi.PluginState;
import dev.graft.core.state.StateField;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateType;
import dev.graft.core.state.StateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state a script plugin declares ({@code state = greetings: i64; last: str} in its manifest),
 * kept by the host in the kind-neutral form of {@link StateValues} and shown to the guest as the
 * global object {@code graft_state} ({@link StateObject}), whose fields read and write it.
 *
 * <p>Why this is sound with concurrent calls: a version that declares state has one context, so
 * its calls run one at a time ({@link PolyglotPluginLoader}), and a guest's read-modify-write of a
 * field ({@code graft_state.greetings += 1}) is never interleaved with another call's. The context
 * pool's semaphore orders the calls (a release happens-before the next acquire), and every access
 * also holds this object's lock, so {@link #read} and {@link #install} on the reloading thread see
 * and publish whole values. The core reads the old version's state only once it is quiesced and
 * installs the new one's before the version runs any call (its top level may not touch the state:
 * {@link #handedOver}).
 */
final class ScriptState implements PluginState {

    private final StateShape shape;
    private Map<String, Object> values; // guarded by this
    private volatile boolean handedOver;

    ScriptState(StateShape shape) {
        this.shape = shape;
    }

    @Override
    public StateShape shape() {
        return shape;
    }

    @Override
    public Map<String, Object> defaults() {
        return StateValues.zero(shape);
    }

    @Override
    public synchronized Map<String, Object> read() {
        return copy(values, shape);
    }

    @Override
    public synchronized void install(Map<String, Object> value) {
        values = copy(value, shape);
        handedOver = true;
    }

    /** Whether the core has handed the state over: before that (the top level runs in prepare) the guest may not use it. */
    boolean handedOver() {
        return handedOver;
    }

    /** The live top-level values, for {@link StateObject}; hold this object's lock while using them. */
    Map<String, Object> values() {
        return values;
    }

    /** A deep copy in field order: old and new versions never share a map or an array. */
    static Map<String, Object> copy(Map<String, Object> from, StateShape shape) {
        Map<String, Object> to = new LinkedHashMap<>();
        for (StateField f : shape.fields()) {
            to.put(f.name(), copy(from.get(f.name()), f.type()));
        }
        return to;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value, StateType type) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes.clone();
            case Map<?, ?> map when type instanceof StateType.Struct s -> copy((Map<String, Object>) map, s.shape());
            default -> value;
        };
    }
}
