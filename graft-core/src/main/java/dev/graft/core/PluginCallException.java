package dev.graft.core;

import dev.graft.core.jfr.JfrEvents;

/**
 * A call into a guest failed (a native library's, a wasm instance's, a script's): the guest threw,
 * trapped or reported a failure, ran past the call deadline, or returned what the contract's type
 * cannot hold. Names the plugin version and the guest function, and records one JFR
 * {@code dev.graft.CallFailed} event, since every failed call makes one of these. Each loader's
 * subclass says what became of the instance or context the call ran in. A JVM plugin's exception
 * is not wrapped: it reaches the caller as the plugin threw it.
 */
public abstract class PluginCallException extends GraftException {

    private final String pluginId;
    private final String function;

    protected PluginCallException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super("plugin '" + pluginId + "' (" + versionLabel + "), function " + function + ": " + message, cause);
        this.pluginId = pluginId;
        this.function = function;
        JfrEvents.callFailed(pluginId, versionLabel, function, getClass(), message);
    }

    /** The plugin whose guest failed. */
    public String pluginId() {
        return pluginId;
    }

    /** The guest function the call was in (the contract method's name). */
    public String function() {
        return function;
    }
}
