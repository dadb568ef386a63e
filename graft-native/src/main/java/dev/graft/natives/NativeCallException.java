package dev.graft.natives;

import dev.graft.core.GraftException;

/**
 * A call into a native plugin failed: the guest function reported a failure (a non-zero status and
 * a message), or returned something the host refuses (a string that is not UTF-8). Names the
 * plugin, the contract and the function. The plugin stays loaded and serves the next call.
 */
public class NativeCallException extends GraftException {

    private final String pluginId;
    private final String contract;
    private final String function;
    private final int status;

    public NativeCallException(String pluginId, String contract, String function, int status, String message) {
        super("plugin '" + pluginId + "': " + (contract == null ? "" : "contract " + contract + ", ") + function + " " + message);
        this.pluginId = pluginId;
        this.contract = contract;
        this.function = function;
        this.status = status;
    }

    /** The plugin whose function failed. */
    public String pluginId() {
        return pluginId;
    }

    /** The contract, as {@code name@version}, or {@code null} for an entry point such as init. */
    public String contract() {
        return contract;
    }

    /** The function, as its signature ({@code fn greet(str) -> str}) or entry point name. */
    public String function() {
        return function;
    }

    /** The status the guest reported; 0 when the guest reported success but its result was refused. */
    public int status() {
        return status;
    }
}
