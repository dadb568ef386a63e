package dev.graft.wasm.testing;

import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles WAT plugin sources to wasm plugins at build time (the pom runs it before the tests):
 * each {@code NAME.wat} in the source folder becomes {@code NAME.wasm} in the target folder, with
 * the manifest written in the source's {@code (; graft.manifest ... ;)} block comment embedded as
 * the module's {@code graft.manifest} custom section.
 *
 * <pre>java dev.graft.wasm.testing.WatBuild src/demo target/demo</pre>
 */
public final class WatBuild {

    static final String OPEN = "(; graft.manifest";
    static final String CLOSE = ";)";

    private WatBuild() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WatBuild SOURCE_FOLDER TARGET_FOLDER");
            System.exit(2);
        }
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        List<Path> sources;
        try (Stream<Path> files = Files.list(from)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith(".wat")).sorted().toList();
        }
        for (Path source : sources) {
            String name = source.getFileName().toString().replaceFirst("\\.wat$", ".wasm");
            Files.write(to.resolve(name), build(Files.readString(source), source.toString()));
        }
    }

    /** The wasm plugin for one WAT source with a manifest block. */
    public static byte[] build(String wat, String where) {
        int open = wat.indexOf(OPEN);
        int close = open < 0 ? -1 : wat.indexOf(CLOSE, open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException(where + ": expected a '" + OPEN + " ... " + CLOSE + "' block, found none");
        }
        String manifest = wat.substring(open + OPEN.length(), close).strip() + "\n";
        return ManifestSection.embed(Wat.compile(wat), manifest);
    }
}
