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
    private volatile String reloadedPluginId;
    private volatile Path reloadedArtifact;

    public PluginException(String pluginId, Path artifact, String message) {
        this(pluginId, artifact, message, null);
    }

    public PluginException(String pluginId, Path artifact, String message, Throwable cause) {
        super(message, cause);
        this.detail = message;
        this.pluginId = pluginId;
        this.artifact = artifact;
    }

    /**
     * The plugin, the artifact, then what was expected and what was found. A failure in a
     * dependent re-linked by a reload names the reload first: {@code reloading plugin 'a'
     * (a-2.jar) failed: dependent 'b' (b.jar) no longer links: ...}.
     */
    @Override
    public String getMessage() {
        if (reloadedPluginId == null) {
            return prefix(pluginId, artifact) + detail;
        }
        String failure = reloadedPluginId.equals(pluginId) ? detail
                : name("dependent", pluginId, artifact) + " no longer links: " + detail;
        return "reloading " + name("plugin", reloadedPluginId, reloadedArtifact) + " failed: " + failure;
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

    /**
     * Records that this failure refused the reload of another plugin (or of its own, for a cycle
     * the reload introduced): the message then names the plugin reloaded and its new artifact
     * first. {@link #pluginId()} and {@link #artifact()} still name where it failed. Does nothing
     * if a reload is named already.
     */
    public PluginException duringReloadOf(String id, Path artifact) {
        if (reloadedPluginId == null) {
            reloadedArtifact = artifact;
            reloadedPluginId = id;
        }
        return this;
    }

    private static String prefix(String pluginId, Path artifact) {
        String name = name("plugin", pluginId, artifact);
        return name.isEmpty() ? "" : name + ": ";
    }

    /** {@code plugin 'a' (a.jar)}, either part left out when unknown. */
    private static String name(String what, String pluginId, Path artifact) {
        StringBuilder s = new StringBuilder();
        if (pluginId != null) {
            s.append(what).append(" '").append(pluginId).append("'");
        }
        if (artifact != null) {
            s.append(s.isEmpty() ? "" : " ").append("(").append(artifact.getFileName()).append(")");
        }
        return s.toString();
    }

    /** The plugin's id, or {@code null} when the failure came before it could be read. */
    public String pluginId() {
        return pluginId;
    }

    /** The artifact as the host named it (not Graft's private copy), or {@code null}. */
    public Path artifact() {
        return artifact;
    }

    /**
     * The plugin whose reload this failure refused, when it failed in a dependent the reload
     * re-linked or in a cycle the reload introduced; {@code null} otherwise.
     */
    public String reloadedPluginId() {
        return reloadedPluginId;
    }

    /** The artifact the refused reload was to load (as the host named it), or {@code null}. */
    public Path reloadedArtifact() {
        return reloadedArtifact;
    }
}
