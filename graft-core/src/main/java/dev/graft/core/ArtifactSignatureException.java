package dev.graft.core;

import java.nio.file.Path;

/**
 * An artifact that the host's trusted keys do not vouch for: unsigned while signatures are
 * required, changed since it was signed, or signed by a key the host does not trust. Thrown
 * before any of its code runs; the version that was running, if any, keeps serving (G2).
 */
public class ArtifactSignatureException extends PluginException {

    public ArtifactSignatureException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public ArtifactSignatureException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
