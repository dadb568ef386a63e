package dev.graft.core;

import java.nio.file.Path;

/**
 * A load, reload or unload that failed. Names the plugin (when its id is known by then), the
 * artifact, and the cause. The version that was running before, if any, is still serving (G2).
 */
public class PluginException extends GraftException {

    private final String pluginId;
    private final Path artifact;

    public PluginException(String pluginId, Path artifact, String message) {
        this(pluginId, artifact, message, null);
    }

    public PluginException(String pluginId, Path artifact, String message, Throwable cause) {
        super(prefix(pluginId, artifact) + message, cause);
        this.pluginId = pluginId;
        this.artifact = artifact;
    }

    private static String prefix(String pluginId, Path artifact) {
        StringBuilder s = new StringBuilder();
        if (pluginId != null) {
            s.append("plugin '").append(pluginId).append("'");
        }
        if (artifact != null) {
            s.append(s.isEmpty() ? "" : " ").append("(").append(artifact.getFileName()).append(")");
        }
        return s.isEmpty() ? "" : s.append(": ").toString();
    }

    /** The plugin's id, or {@code null} when the failure came before it could be read. */
    public String pluginId() {
        return pluginId;
    }

    /** The artifact as the host named it (not Graft's private copy), or {@code null}. */
    public Path artifact() {
        return artifact;
    }
}
