package dev.graft.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The keys a manifest may hold: the core ones every loader reads ({@code id, version, provides,
 * requires, depends, imports, patches}) and the attributes one loader adds. An attribute is a name
 * ({@code main}) or a family written with a placeholder ({@code provider.<a provided contract>}),
 * which takes every key starting with the text before {@code <}.
 *
 * <p>Given to {@link ManifestParser#parse(String, java.nio.file.Path, String, ManifestKeys)}, it
 * makes an unknown key an error on its own line, before a required key is missed because of it,
 * and suggests the closest known key: {@code verison} reads as a typo of {@code version}, not as
 * a manifest without a version.
 */
public record ManifestKeys(List<String> attributes) {

    static final List<String> CORE = List.of("id", "version", "provides", "requires", "depends", "imports", "patches");

    public ManifestKeys {
        attributes = List.copyOf(attributes);
    }

    /** The core keys and these attributes (names, or families such as {@code function.<method>}). */
    public static ManifestKeys of(String... attributes) {
        return new ManifestKeys(List.of(attributes));
    }

    /** Whether a manifest may hold this key. */
    public boolean allows(String key) {
        if (CORE.contains(key)) {
            return true;
        }
        for (String attribute : attributes) {
            int placeholder = attribute.indexOf('<');
            if (placeholder < 0 ? key.equals(attribute)
                    : key.length() > placeholder && key.startsWith(attribute.substring(0, placeholder))) {
                return true;
            }
        }
        return false;
    }

    /** What an unknown key was expected to be: {@code one of the keys id, version, ..., main or provider.<...>}. */
    public String expected() {
        List<String> all = new ArrayList<>(CORE);
        all.addAll(attributes);
        return "one of the keys " + String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast();
    }

    /**
     * The message for an unknown key: what was expected, the key found, and the closest known key
     * when one is close enough to be a typo of it.
     */
    public String unknown(String key) {
        List<String> candidates = new ArrayList<>(CORE);
        for (String attribute : attributes) {
            int placeholder = attribute.indexOf('<');
            if (placeholder < 0) {
                candidates.add(attribute);
            } else if (placeholder > 0 && attribute.charAt(placeholder - 1) == '.' && key.indexOf('.') > 0) {
                // a misspelt family prefix keeps its tail: providr.example.greeter -> provider.example.greeter
                candidates.add(attribute.substring(0, placeholder) + key.substring(key.indexOf('.') + 1));
            }
        }
        return "expected " + expected() + ", found " + unknownKey(key, candidates);
    }

    /** {@code unknown key 'verison' (did you mean 'version'?)}, or without the question when nothing is close. */
    public static String unknownKey(String key, Collection<String> candidates) {
        return "unknown key '" + key + "'" + closest(key, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /**
     * The candidate a key is most likely a typo of: at most one edit (a letter added, dropped,
     * changed, or two neighbours swapped) away for short keys, two for keys of five letters or
     * more; the first of equally close ones.
     */
    public static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(key, candidate);
            int allowed = Math.min(key.length(), candidate.length()) < 5 ? 1 : 2;
            if (distance > 0 && distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits from a to b, a swap of two neighbouring letters counting as one (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
