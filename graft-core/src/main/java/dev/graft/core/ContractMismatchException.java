package dev.graft.core;

import java.nio.file.Path;

/** A provided contract does not match the host's: not implemented, another major version, unknown to the host, or a method missing. */
public class ContractMismatchException extends PluginException {

    public ContractMismatchException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public ContractMismatchException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }

    /**
     * The plugin provides a contract the host has no Java interface for (a native or wasm plugin
     * cannot bring one along). Says how to register it both in a host and on {@code graft run}.
     */
    public static ContractMismatchException unknownContract(String pluginId, Path artifact, ContractRef contract) {
        return new ContractMismatchException(pluginId, artifact, "expected the host to know contract " + contract
                + ", found no Java interface for it (a host registers it with Graft.builder().contract(...);"
                + " graft run with --contract CLASS, and --classpath if the class is not on graft's own)");
    }
}
