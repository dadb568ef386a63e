package dev.graft.core.host;

import dev.graft.api.host.Handles;

/** The built-in {@code graft.handles} for one plugin version: a guest releases its owned handles here. */
final class HandlesModule implements Handles {

    private final PluginHandles handles;

    HandlesModule(PluginHandles handles) {
        this.handles = handles;
    }

    /** @throws HandleException if the handle is not a live owned handle of this plugin version */
    @Override
    public void release(long handle) {
        handles.release(handle);
    }
}
