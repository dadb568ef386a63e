package dev.graft.core;

import java.nio.file.Path;

/**
 * Arguments of a call by name that do not fit the contract method: too few or too many, or one of
 * another type ({@code expected int for parameter 1 'n' of next(int), found String "x"}).
 */
public class ArgumentMismatchException extends InvocationException {

    public ArgumentMismatchException(String pluginId, Path artifact, String message) {
        super(pluginId, artifact, message);
    }
}
