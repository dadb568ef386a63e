package dev.graft.core;

import java.nio.file.Path;

/** Linking the plugin failed: a class or symbol it names is missing, or a signature does not match. */
public class PluginLinkException extends PluginException {

    public PluginLinkException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public PluginLinkException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
