package dev.graft.core;

import java.util.List;
import java.util.Map;

/**
 * What a plugin says of itself, whatever its kind: id, version, the contracts it provides and
 * requires, the plugins it depends on, the host modules it imports, the host's patchable
 * functions it patches, and attributes only its loader reads.
 *
 * <p>JVM plugins carry it as {@code META-INF/graft-plugin.properties}; other kinds carry an
 * equivalent descriptor, or a sidecar file beside an artifact that cannot describe itself. See
 * {@link ManifestParser} for the text form.
 */
public record PluginManifest(
        String id,
        Version version,
        List<ContractRef> provides,
        List<ContractRef> requires,
        List<PluginRef> depends,
        List<ModuleRef> imports,
        List<String> patches,
        Map<String, String> attributes) {

    public PluginManifest {
        checkId(id);
        provides = List.copyOf(provides);
        requires = List.copyOf(requires);
        depends = List.copyOf(depends);
        imports = List.copyOf(imports);
        patches = List.copyOf(patches);
        attributes = Map.copyOf(attributes);
    }

    /** A manifest that imports no host modules (what descriptors written before imports existed say). */
    public PluginManifest(String id, Version version, List<ContractRef> provides, List<ContractRef> requires,
                          List<PluginRef> depends, Map<String, String> attributes) {
        this(id, version, provides, requires, depends, List.of(), List.of(), attributes);
    }

    /** A manifest that patches no patchable functions. */
    public PluginManifest(String id, Version version, List<ContractRef> provides, List<ContractRef> requires,
                          List<PluginRef> depends, List<ModuleRef> imports, Map<String, String> attributes) {
        this(id, version, provides, requires, depends, imports, List.of(), attributes);
    }

    /**
     * Checks a plugin id: lower-case letters, digits, {@code .}, {@code _} and {@code -}.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    static String checkId(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException(
                    "expected a plugin id of lower-case letters, digits, '.', '_' or '-', found '" + id + "'");
        }
        return id;
    }

    /** The provided contract that answers for {@code required}, if any. */
    public java.util.Optional<ContractRef> provided(ContractRef required) {
        return provides.stream().filter(p -> p.satisfies(required)).findFirst();
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
