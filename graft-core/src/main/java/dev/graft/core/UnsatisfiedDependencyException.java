package dev.graft.core;

import java.nio.file.Path;

/** A contract the plugin requires, or a plugin it depends on, is not loaded in a version that satisfies it. */
public class UnsatisfiedDependencyException extends PluginException {

    public UnsatisfiedDependencyException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }

    public UnsatisfiedDependencyException(String pluginId, Path artifact, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
    }
}
