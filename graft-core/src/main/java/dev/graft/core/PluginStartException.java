package dev.graft.core;

import java.nio.file.Path;

/** The plugin's own code refused to start: a constructor, {@code start} or init entry point threw or reported failure. */
public class PluginStartException extends PluginException {

    public PluginStartException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public PluginStartException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
