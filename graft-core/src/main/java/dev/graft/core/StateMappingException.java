package dev.graft.core;

import java.nio.file.Path;

/**
 * Handing a plugin's state to its new version failed: reading the old state, mapping it, or building
 * the new version's value (a state record whose constructor throws). The old version keeps serving
 * with its state exactly as it was (G2). {@link #field} names the field path that failed, or is
 * null when the failure concerns the whole state.
 */
public class StateMappingException extends PluginException {

    private final String field;

    public StateMappingException(String pluginId, Path artifact, String field, String message, Throwable cause) {
        super(pluginId, artifact, message, cause);
        this.field = field;
    }

    /** The field path ({@code origin.x}) that could not be handed over, or null. */
    public String field() {
        return field;
    }
}
