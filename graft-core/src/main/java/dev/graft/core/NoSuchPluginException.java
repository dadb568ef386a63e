package dev.graft.core;

import java.nio.file.Path;

/** No plugin with this id is loaded. */
public class NoSuchPluginException extends PluginException {

    public NoSuchPluginException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public NoSuchPluginException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
