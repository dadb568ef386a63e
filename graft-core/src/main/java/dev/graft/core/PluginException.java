package dev.graft.core;

import java.nio.file.Path;

/**
 * A load, reload or unload that failed. Names the plugin (when its id is known by then), the
 * artifact, and the cause. The version that was running before, if any, is still serving (G2).
 */
public class PluginException extends GraftException {

    private final String detail;
    private final Path artifact;
    private volatile String pluginId;

    public PluginException(String pluginId, Path artifact, String message) {
        this(pluginId, artifact, message, null);
    }

    public PluginException(String pluginId, Path artifact, String message, Throwable cause) {
        super(message, cause);
        this.detail = message;
        this.pluginId = pluginId;
        this.artifact = artifact;
    }

    /** The plugin, the artifact, then what was expected and what was found. */
    @Override
    public String getMessage() {
        return prefix(pluginId, artifact) + detail;
    }

    /**
     * Names the plugin when the failure came before the artifact said who it is, but the caller
     * knows (a reload names the plugin it reloads). Does nothing if a plugin is named already.
     */
    public PluginException forPlugin(String id) {
        if (pluginId == null) {
            pluginId = id;
        }
        return this;
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
