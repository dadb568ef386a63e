package dev.graft.core.patch;

/**
 * One patch of a patchable function: who supplied it ({@code pluginId} and the plugin version's
 * {@code versionLabel}, both null for the host's own patch).
 */
public record PatchInfo(String function, String pluginId, String versionLabel) {

    /** Whether the host supplied this patch. */
    public boolean byHost() {
        return pluginId == null;
    }

    /** {@code the host} or {@code plugin 'pricing' (pricing@1.0.0#2)}. */
    public String supplier() {
        return byHost() ? "the host" : "plugin '" + pluginId + "' (" + versionLabel + ")";
    }

    @Override
    public String toString() {
        return function + " patched by " + supplier();
    }
}
