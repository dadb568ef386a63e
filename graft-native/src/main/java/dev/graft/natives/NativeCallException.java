package dev.graft.natives;

import dev.graft.core.PluginCallException;

/**
 * A call into a native plugin failed: the guest function reported a failure (a non-zero status and
 * a message), or returned something the host refuses (a string that is not UTF-8). A
 * {@link PluginCallException}, as a wasm or script plugin's failed call is: names the plugin
 * version and the contract method ({@link #function()}), and besides the contract, the function's
 * signature and the status. The plugin stays loaded and serves the next call.
 */
public class NativeCallException extends PluginCallException {

    private final String contract;
    private final String signature;
    private final int status;

    /**
     * @param contract  the contract as {@code name@version}, or null for a patch
     * @param function  the contract method's (or patched function's) name
     * @param signature the function as the plugin has it: {@code fn greet(str) -> str}, or a sidecar's C prototype
     * @param status    the status the guest reported; 0 when it reported success but its result was refused
     * @param cause     the host module failure the guest passed on, or null
     */
    public NativeCallException(String pluginId, String versionLabel, String contract, String function, String signature,
                               int status, String message, Throwable cause) {
        super(pluginId, versionLabel, function, (contract == null ? "patch " : "contract " + contract + ", ") + signature + " "
                + message, cause);
        this.contract = contract;
        this.signature = signature;
        this.status = status;
    }

    /** The contract, as {@code name@version}, or null for a call of a patch. */
    public String contract() {
        return contract;
    }

    /** The function as the plugin has it: {@code fn greet(str) -> str}, or a sidecar's C prototype. */
    public String signature() {
        return signature;
    }

    /** The status the guest reported; 0 when the guest reported success but its result was refused. */
    public int status() {
        return status;
    }
}
