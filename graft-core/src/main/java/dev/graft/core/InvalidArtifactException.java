package dev.graft.core;

import java.nio.file.Path;

/** The artifact is not of a kind any loader reads, or is corrupt or truncated: not a jar, not a shared library, not wasm. */
public class InvalidArtifactException extends PluginException {

    public InvalidArtifactException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public InvalidArtifactException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
