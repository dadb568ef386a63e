package dev.graft.core;

import java.nio.file.Path;

/** A plugin with this id is already loaded; reload it instead. */
public class DuplicatePluginException extends PluginException {

    public DuplicatePluginException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public DuplicatePluginException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
