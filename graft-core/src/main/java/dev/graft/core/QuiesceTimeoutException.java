package dev.graft.core;

import java.nio.file.Path;

/** In-flight calls on the old version did not finish in time, so its state could not be taken; the old version keeps serving. */
public class QuiesceTimeoutException extends PluginException {

    public QuiesceTimeoutException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public QuiesceTimeoutException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
