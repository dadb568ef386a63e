package dev.graft.core;

import java.nio.file.Path;

/**
 * A plugin's state declaration is wrong (G5): a malformed declaration text, a state class that is
 * not a record, a field type outside the supported set, a declared block size that does not match
 * the fields. The message names the plugin, the artifact, where the declaration lives, what was
 * expected and what was found.
 */
public class StateDeclarationException extends ManifestException {

    public StateDeclarationException(String pluginId, Path artifact, String where, String message) {
        super(pluginId, artifact, where, 0, message);
    }
}
