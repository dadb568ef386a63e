package dev.graft.core;

import dev.graft.core.patch.PatchableType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the text form of a {@link PluginManifest}: one {@code key = value} a line, {@code #}
 * comments, lists separated by commas.
 *
 * <pre>
 * id       = greeter
 * version  = 1.0.0
 * provides = example.greeter@1.0
 * requires = example.clock@1.0
 * depends  = base@1.0
 * imports  = graft.log@1.0, example.store@1.2
 * patches  = discount, score             # patchable functions of the host this plugin patches
 * main     = com.example.GreeterPlugin      # an attribute: only the JVM loader reads it
 * </pre>
 *
 * <p>A hand-written parser rather than {@link java.util.Properties}: errors must say on which line
 * the manifest is wrong, and {@code Properties} forgets lines. Every error is a
 * {@link ManifestException} naming the artifact, the line and what was expected.
 */
public final class ManifestParser {

    private ManifestParser() {
    }

    /**
     * Parses manifest text that may hold only the given keys. An unknown key is an error naming its
     * line and the closest known key, reported before any missing required key: {@code verison}
     * is a typo to point at, not a manifest without a version.
     *
     * @param text     the manifest's text
     * @param artifact the artifact it came from, for error messages
     * @param where    where in the artifact the text lives, for error messages
     * @param keys     the keys the loader knows
     */
    public static PluginManifest parse(String text, Path artifact, String where, ManifestKeys keys) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] rows = text.split("\\R", -1);
        String named = declaredId(rows);
        for (int i = 0; i < rows.length; i++) {
            int lineNo = i + 1;
            String row = stripComment(rows[i]).strip();
            if (row.isEmpty()) {
                continue;
            }
            int eq = row.indexOf('=');
            if (eq <= 0) {
                throw new ManifestException(named, artifact, where, lineNo,
                        "expected 'key = value', found '" + rows[i].strip() + "'");
            }
            String key = row.substring(0, eq).strip();
            if (values.containsKey(key)) {
                throw new ManifestException(named, artifact, where, lineNo,
                        "expected each key once, found '" + key + "' again (first on line " + lines.get(key) + ")");
            }
            values.put(key, row.substring(eq + 1).strip());
            lines.put(key, lineNo);
        }
        for (Map.Entry<String, Integer> key : lines.entrySet()) {
            if (!keys.allows(key.getKey())) {
                throw new ManifestException(named, artifact, where, key.getValue(), keys.unknown(key.getKey()));
            }
        }

        String id = required(values, lines, "id", named, artifact, where);
        Line at = key -> lines.getOrDefault(key, 0);
        id = field(id, PluginManifest::checkId, null, artifact, where, at.of("id"));
        String pluginId = id;
        Version version = field(required(values, lines, "version", named, artifact, where), Version::parse,
                pluginId, artifact, where, at.of("version"));
        List<ContractRef> provides = list(values.get("provides"), ContractRef::parse, pluginId, artifact, where, at.of("provides"));
        List<ContractRef> requires = list(values.get("requires"), ContractRef::parse, pluginId, artifact, where, at.of("requires"));
        List<PluginRef> depends = list(values.get("depends"), PluginRef::parse, pluginId, artifact, where, at.of("depends"));
        List<ModuleRef> imports = list(values.get("imports"), ModuleRef::parse, pluginId, artifact, where, at.of("imports"));
        List<String> patches = list(values.get("patches"), PatchableType::checkName, pluginId, artifact, where, at.of("patches"));
        for (int i = 0; i < provides.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (provides.get(i).sameContract(provides.get(j))) {
                    throw new ManifestException(pluginId, artifact, where, at.of("provides"),
                            "expected each contract once in provides, found " + provides.get(i).name()
                                    + " major " + provides.get(i).version().major() + " twice");
                }
            }
        }
        for (int i = 0; i < imports.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (imports.get(i).sameModule(imports.get(j))) {
                    throw new ManifestException(pluginId, artifact, where, at.of("imports"),
                            "expected each host module once in imports, found " + imports.get(i).name()
                                    + " major " + imports.get(i).version().major() + " twice");
                }
            }
        }
        for (int i = 0; i < patches.size(); i++) {
            if (patches.indexOf(patches.get(i)) < i) {
                throw new ManifestException(pluginId, artifact, where, at.of("patches"),
                        "expected each patchable function once in patches, found '" + patches.get(i) + "' twice");
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>(values);
        ManifestKeys.CORE.forEach(attributes::remove);
        return new PluginManifest(id, version, provides, requires, depends, imports, patches, attributes);
    }

    /** The line a key was on, for loaders that check their own attributes. */
    public static int lineOf(String text, String key) {
        String[] rows = text.split("\\R", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = stripComment(rows[i]);
            int eq = row.indexOf('=');
            if (eq > 0 && row.substring(0, eq).strip().equals(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    private interface Line {
        int of(String key);
    }

    private static String stripComment(String row) {
        int hash = row.indexOf('#');
        return hash < 0 ? row : row.substring(0, hash);
    }

    /**
     * The plugin's id as its first {@code id =} line gives it, when that is a valid id, so that an
     * error on any line names the plugin: an artifact that says who it is is named by it.
     */
    private static String declaredId(String[] rows) {
        for (String raw : rows) {
            String row = stripComment(raw);
            int eq = row.indexOf('=');
            if (eq > 0 && row.substring(0, eq).strip().equals("id")) {
                try {
                    return PluginManifest.checkId(row.substring(eq + 1).strip());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String required(Map<String, String> values, Map<String, Integer> lines, String key, String named,
                                   Path artifact, String where) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new ManifestException(named, artifact, where, lines.getOrDefault(key, 0),
                    "expected a value for required key '" + key + "', found " + (value == null ? "none" : "an empty value"));
        }
        return value;
    }

    private static <T> T field(String value, Function<String, T> parse, String pluginId, Path artifact,
                               String where, int line) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(pluginId, artifact, where, line, e.getMessage());
        }
    }

    private static <T> List<T> list(String value, Function<String, T> parse, String pluginId, Path artifact,
                                    String where, int line) {
        List<T> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String item : value.split(",")) {
            out.add(field(item.strip(), parse, pluginId, artifact, where, line));
        }
        return out;
    }
}
