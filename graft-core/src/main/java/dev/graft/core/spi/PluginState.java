package dev.graft.core.spi;

import dev.graft.core.state.StateShape;
import java.util.Map;

/**
 * The state a prepared plugin version declares (G4), as its loader exposes it to the core. Values
 * cross between versions in the kind-neutral form of {@link dev.graft.core.state.StateValues}: the
 * core reads the old version's state, maps it ({@link dev.graft.core.state.StateMapper}) and installs
 * the result in the new version, which never sees the old version's objects or memory.
 *
 * <p>The core calls these on the reloading thread, before the new version is started and published.
 * {@link #read} is called only at the quiesce point of the version that owns the state: no call
 * runs in it and none can start.
 */
public interface PluginState {

    /** The declared shape. */
    StateShape shape();

    /** The value a first load starts with, and the defaults of new and reset fields. */
    Map<String, Object> defaults();

    /** The current value. Never changes the state. */
    Map<String, Object> read();

    /**
     * Installs this version's first value: the defaults, or the old version's state mapped. An
     * exception refuses the load or reload; it should name the field that could not be built.
     */
    void install(Map<String, Object> value) throws Exception;

    /**
     * Takes over {@code previous}'s storage as it is, if both keep the same shape in storage they
     * can share (host-owned blocks): then the core neither quiesces nor maps. Returns false when
     * it cannot; the core then maps.
     */
    default boolean share(PluginState previous) {
        return false;
    }
}
