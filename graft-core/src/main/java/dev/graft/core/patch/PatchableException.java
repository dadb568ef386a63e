package dev.graft.core.patch;

import dev.graft.core.GraftException;

/**
 * The host declared, patched or asked for a patchable function wrongly: a bad name, a type that is
 * not a functional interface, a missing or mistyped body. The message says what was expected and
 * what was found. (A plugin's bad patch fails its load with a {@link dev.graft.core.PluginException}
 * instead, naming the plugin and the artifact.)
 */
public class PatchableException extends GraftException {

    public PatchableException(String message) {
        super(message);
    }
}
