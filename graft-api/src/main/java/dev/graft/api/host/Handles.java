package dev.graft.api.host;

import dev.graft.api.HostModule;

/**
 * The built-in handle operations, for native and wasm guests: a guest that got an owned handle
 * from a host module releases it here when done. (JVM plugins hold references and need none.)
 * Handles a guest forgets are released when its plugin version is retired.
 */
@HostModule(name = "graft.handles", version = "1.0")
public interface Handles {

    /**
     * Releases an owned handle of this plugin version. A guest gets an error status and a message
     * if the handle is not a live owned handle of this version (released already, forged, of
     * another plugin or version, or scoped); the host side sees the runtime's
     * {@code dev.graft.core.host.HandleException}, which says why.
     */
    void release(long handle);
}
