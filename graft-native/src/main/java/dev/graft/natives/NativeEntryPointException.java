package dev.graft.natives;

import dev.graft.core.GraftException;

/**
 * A native plugin's {@code init} or {@code shutdown} reported a failure: a non-zero status and a
 * message. Not a call of the plugin's contract: the core makes it the cause of the load's
 * {@code PluginStartException}, or reports it with the version's retirement.
 */
public class NativeEntryPointException extends GraftException {

    private final String pluginId;
    private final String entryPoint;
    private final int status;

    public NativeEntryPointException(String pluginId, String entryPoint, int status, String message, Throwable cause) {
        super("plugin '" + pluginId + "': " + entryPoint + " " + message, cause);
        this.pluginId = pluginId;
        this.entryPoint = entryPoint;
        this.status = status;
    }

    /** The plugin whose entry point failed. */
    public String pluginId() {
        return pluginId;
    }

    /** {@code init} or {@code shutdown}. */
    public String entryPoint() {
        return entryPoint;
    }

    /** The status the guest reported. */
    public int status() {
        return status;
    }
}
