package dev.graft.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an artifact declares beyond its manifest, as its loader reads it without running any of its
 * code: for {@code graft inspect} ({@link dev.graft.core.Graft#inspect}).
 *
 * @param functions each provided contract ({@code example.greeter@1.0}) to its functions' signatures
 *                  in the loader's notation, the one its link errors use ({@code fn greet(str) -> str})
 * @param limits    what the plugin would run under, by name ({@code max-memory-pages}); empty when
 *                  its kind has none
 * @param state     the state it declares, as it declares it (a record's name, a struct's text), or
 *                  null for none
 */
public record ArtifactDescription(Map<String, List<String>> functions, Map<String, String> limits, String state) {

    /** Nothing beyond the manifest: what a loader that describes nothing more answers. */
    public static final ArtifactDescription NONE = new ArtifactDescription(Map.of(), Map.of(), null);

    public ArtifactDescription {
        Map<String, List<String>> copy = new LinkedHashMap<>(); // keeps the manifest's order, unlike Map.copyOf
        functions.forEach((contract, signatures) -> copy.put(contract, List.copyOf(signatures)));
        functions = java.util.Collections.unmodifiableMap(copy);
        limits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }
}
