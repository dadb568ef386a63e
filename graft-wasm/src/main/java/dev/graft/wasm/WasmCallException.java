package dev.graft.wasm;

import dev.graft.core.PluginCallException;

/**
 * A call into a wasm plugin failed inside the guest or at its boundary (a timeout, a trap, a
 * guest's failure). Names the plugin version and the guest function (the contract method's
 * export); the instance the call ran in has been discarded, so the next call runs in a fresh one.
 */
public class WasmCallException extends PluginCallException {

    public WasmCallException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super(pluginId, versionLabel, function, message, cause);
    }
}
