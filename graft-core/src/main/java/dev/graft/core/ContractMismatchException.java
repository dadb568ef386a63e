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
}
