package dev.graft.wasm;

import dev.graft.core.ManifestException;
import dev.graft.core.ManifestKeys;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The limits one wasm plugin runs under: the host's {@link WasmSettings}, lowered where the
 * plugin's manifest asks for less.
 *
 * <pre>
 * max-memory-pages = 16      # at most 16 pages (1 MiB) of linear memory
 * call-timeout-ms  = 250     # a call running longer is interrupted
 * </pre>
 */
record PluginLimits(int maxMemoryPages, Duration callTimeout) {

    static final String MAX_MEMORY_PAGES = "max-memory-pages";
    static final String CALL_TIMEOUT_MS = "call-timeout-ms";
    /** Every key a wasm plugin's manifest may hold. */
    static final ManifestKeys KEYS = ManifestKeys.of(MAX_MEMORY_PAGES, CALL_TIMEOUT_MS, StateDeclaration.STATE,
            StateDeclaration.STATE_SIZE);

    /**
     * Reads the plugin's own limits from its manifest attributes (whose keys {@link #KEYS} checked
     * when the manifest was parsed).
     *
     * @throws ManifestException for a value that is not a number, or one above the host's limit
     */
    static PluginLimits of(WasmSettings host, PluginManifest manifest, String manifestText, Path source) {
        Map<String, String> attributes = manifest.attributes();
        int pages = host.maxMemoryPages();
        Duration timeout = host.callTimeout();
        if (attributes.containsKey(MAX_MEMORY_PAGES)) {
            pages = bounded(manifest, source, ManifestParser.lineOf(manifestText, MAX_MEMORY_PAGES), MAX_MEMORY_PAGES,
                    attributes.get(MAX_MEMORY_PAGES), host.maxMemoryPages(), "pages (the host's limit)");
        }
        if (attributes.containsKey(CALL_TIMEOUT_MS)) {
            timeout = Duration.ofMillis(bounded(manifest, source, ManifestParser.lineOf(manifestText, CALL_TIMEOUT_MS),
                    CALL_TIMEOUT_MS, attributes.get(CALL_TIMEOUT_MS),
                    (int) Math.min(Integer.MAX_VALUE, host.callTimeout().toMillis()), "ms (the host's limit)"));
        }
        return new PluginLimits(pages, timeout);
    }

    static String where() {
        return "custom section " + ManifestSection.NAME;
    }

    private static int bounded(PluginManifest manifest, Path source, int line, String key, String value, int max, String unit) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ManifestException(manifest.id(), source, where(), line, "expected a whole number for '" + key
                    + "', found '" + value + "'");
        }
        if (n < 1 || n > max) {
            throw new ManifestException(manifest.id(), source, where(), line, "expected '" + key + "' between 1 and " + max
                    + " " + unit + ", found " + n);
        }
        return n;
    }
}
