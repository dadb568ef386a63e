package dev.graft.wasm;

import dev.graft.core.GraftException;
import dev.graft.core.jfr.JfrEvents;

/**
 * A call into a wasm plugin failed inside the guest or at its boundary. Names the plugin version
 * and the guest function; the instance the call ran in has been discarded, so the next call runs
 * in a fresh one.
 */
public class WasmCallException extends GraftException {

    private final String pluginId;
    private final String function;

    public WasmCallException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super("plugin '" + pluginId + "' (" + versionLabel + "), function " + function + ": " + message, cause);
        this.pluginId = pluginId;
        this.function = function;
        // every failed wasm call makes one of these (a timeout, a trap, a guest's failure): one JFR event each
        JfrEvents.callFailed(pluginId, versionLabel, function, getClass(), message);
    }

    /** The plugin whose guest failed. */
    public String pluginId() {
        return pluginId;
    }

    /** The guest function (the contract method's export) the call was in. */
    public String function() {
        return function;
    }
}
