package dev.graft.core;

import java.nio.file.Path;

/**
 * A call by name ({@link Graft#invocation}) that cannot be made as asked: an unknown contract or
 * method ({@link UnknownNameException}), or arguments that do not fit the method
 * ({@link ArgumentMismatchException}). Names the plugin and its artifact; nothing was called.
 */
public class InvocationException extends PluginException {

    public InvocationException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }
}
