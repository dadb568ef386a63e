package dev.graft.core;

/**
 * A host module by name and version, as a manifest imports it: {@code graft.log@1.0}. The version
 * is the least the plugin needs: a registered module of the same major version and at least that
 * minor satisfies it (the contract rule).
 */
public record ModuleRef(String name, Version version) {

    public ModuleRef {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException(
                    "expected a dotted host module name such as graft.log, found '" + name + "'");
        }
    }

    /**
     * Parses {@code name@version}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static ModuleRef parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(
                    "expected a host module as name@version (graft.log@1.0), found '" + text + "'");
        }
        return new ModuleRef(text.substring(0, at).strip(), Version.parse(text.substring(at + 1)));
    }

    /** The same module: same name and major version. */
    public boolean sameModule(ModuleRef other) {
        return name.equals(other.name) && version.major() == other.version.major();
    }

    /** This module, as registered, answers an import of {@code imported}. */
    public boolean satisfies(ModuleRef imported) {
        return name.equals(imported.name) && version.satisfies(imported.version);
    }

    /** {@code name@major}: what registrations and grants are keyed by. */
    public String key() {
        return name + "@" + version.major();
    }

    @Override
    public String toString() {
        return name + "@" + version.toShortString();
    }
}
