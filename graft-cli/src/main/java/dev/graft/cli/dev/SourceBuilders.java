package dev.graft.cli.dev;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every {@link SourceBuilder} of {@code graft dev}, and the choice of one for a plugin folder
 * (docs/dev-mode.md, "Kinds"): the kind named in the folder's {@code graft-dev.properties}
 * ({@code kind = K}) if it has one, otherwise the first builder, in the fixed order of
 * {@link #DETECTION_ORDER}, whose {@link SourceBuilder#accepts} takes the folder.
 */
public final class SourceBuilders {

    /** The file that names a folder's kind outright, overriding detection. */
    public static final String OVERRIDE_FILE = "graft-dev.properties";

    /**
     * The order in which kinds are tried: the more specific rule first (a Cargo.toml for wasm32
     * before any Cargo.toml, a C file including graft_wasm.h before any C file). Builders of
     * other kinds (a host's own) are tried after these, in the order given.
     */
    public static final List<String> DETECTION_ORDER = List.of("rust-wasm", "rust", "wat", "c-wasm", "c", "java", "js", "python");

    private final List<SourceBuilder> builders;

    /**
     * The builders {@code builders}, tried in {@link #DETECTION_ORDER}.
     *
     * @throws IllegalArgumentException if two builders have the same kind
     */
    public SourceBuilders(List<SourceBuilder> builders) {
        Set<String> kinds = new HashSet<>();
        for (SourceBuilder builder : builders) {
            if (!kinds.add(builder.kind())) {
                throw new IllegalArgumentException("expected one builder per kind, found two of kind '" + builder.kind() + "'");
            }
        }
        this.builders = builders.stream().sorted(Comparator.comparingInt(SourceBuilders::rank)).toList();
    }

    /** The builders of every kind Graft knows. */
    public static SourceBuilders standard() {
        return new SourceBuilders(List.of(
                new RustWasmSourceBuilder(),
                new RustSourceBuilder(),
                new WatSourceBuilder(),
                new CWasmSourceBuilder(),
                new CSourceBuilder(),
                new JavaSourceBuilder(),
                ScriptSourceBuilder.js(),
                ScriptSourceBuilder.python()));
    }

    /** The builders, in detection order. */
    public List<SourceBuilder> all() {
        return builders;
    }

    /**
     * The builder for {@code folder}'s sources.
     *
     * @throws UnknownKindException if its graft-dev.properties names no known kind, or no builder accepts it
     * @throws IOException if its graft-dev.properties cannot be read
     */
    public SourceBuilder detect(Path folder) throws UnknownKindException, IOException {
        String named = namedKind(folder);
        if (named != null) {
            return builders.stream().filter(b -> b.kind().equals(named)).findFirst()
                    .orElseThrow(() -> new UnknownKindException(folder.resolve(OVERRIDE_FILE) + ": expected kind = one of "
                            + kinds() + ", found kind = " + named));
        }
        for (SourceBuilder builder : builders) {
            if (builder.accepts(folder)) {
                return builder;
            }
        }
        throw new UnknownKindException(folder + ": expected plugin sources of a known kind (" + kinds()
                + ": see docs/dev-mode.md; or " + OVERRIDE_FILE + " with kind = K), found " + contents(folder));
    }

    /** The kind {@code graft-dev.properties} names, or null when there is no such file or it has no {@code kind}. */
    private static String namedKind(Path folder) throws IOException {
        Path file = folder.resolve(OVERRIDE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        String kind = properties.getProperty("kind");
        return kind == null || kind.isBlank() ? null : kind.strip();
    }

    private String kinds() {
        return builders.stream().map(SourceBuilder::kind).collect(Collectors.joining(", "));
    }

    /** What the folder holds at its root, for the message of a folder no builder takes. */
    private static String contents(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName() + (Files.isDirectory(f) ? "/" : "")).sorted().forEach(names::add);
        }
        if (names.isEmpty()) {
            return "an empty folder";
        }
        int shown = Math.min(names.size(), 8);
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
    }

    private static int rank(SourceBuilder builder) {
        int rank = DETECTION_ORDER.indexOf(builder.kind());
        return rank < 0 ? DETECTION_ORDER.size() : rank;
    }
}
