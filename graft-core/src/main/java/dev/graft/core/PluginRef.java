package dev.graft.core;

/**
 * A dependency on another plugin by id, with the version it needs: {@code clock@1.0}.
 */
public record PluginRef(String id, Version version) {

    /**
     * Parses {@code id@version}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static PluginRef parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(
                    "expected a plugin dependency as id@version (clock@1.0), found '" + text + "'");
        }
        return new PluginRef(PluginManifest.checkId(text.substring(0, at).strip()), Version.parse(text.substring(at + 1)));
    }

    @Override
    public String toString() {
        return id + "@" + version.toShortString();
    }
}
