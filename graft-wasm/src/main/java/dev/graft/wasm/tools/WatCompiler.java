package dev.graft.wasm.tools;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles wasm plugins written in WebAssembly text (WAT): each {@code NAME.wat} of a source
 * folder becomes {@code NAME.wasm} in a target folder, with the manifest written in the source's
 * {@code (; graft.manifest ... ;)} block comment embedded as the module's {@code graft.manifest}
 * custom section (WAT has no syntax for custom sections).
 *
 * <pre>java -cp graft-wasm.jar:wabt.jar:... dev.graft.wasm.tools.WatCompiler SOURCE_FOLDER TARGET_FOLDER</pre>
 *
 * <p>A build tool, not part of the loader: it needs Chicory's wabt ({@code com.dylibso.chicory:wabt},
 * wat2wasm compiled to JVM bytecode, so no native toolchain), which graft-wasm declares
 * {@code provided} so that hosts never carry it. Whoever runs this class puts wabt on its class path.
 */
public final class WatCompiler {

    static final String OPEN = "(; graft.manifest";
    static final String CLOSE = ";)";

    private WatCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WatCompiler SOURCE_FOLDER TARGET_FOLDER");
            System.exit(2);
        }
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        List<Path> sources;
        try (Stream<Path> files = Files.list(from)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith(".wat")).sorted().toList();
        }
        if (sources.isEmpty()) {
            System.err.println("WatCompiler: expected .wat files in " + from + ", found none");
            System.exit(1);
        }
        for (Path source : sources) {
            String name = source.getFileName().toString().replaceFirst("\\.wat$", ".wasm");
            Files.write(to.resolve(name), compile(Files.readString(source), source.toString()));
        }
    }

    /**
     * The wasm plugin for one WAT source with a manifest block.
     *
     * @param where the source as the caller names it, for messages
     * @throws IllegalArgumentException if the source has no manifest block, or wat2wasm refuses it
     */
    public static byte[] compile(String wat, String where) {
        int open = wat.indexOf(OPEN);
        int close = open < 0 ? -1 : wat.indexOf(CLOSE, open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException(where + ": expected a '" + OPEN + " ... " + CLOSE + "' block, found none");
        }
        String manifest = wat.substring(open + OPEN.length(), close).strip() + "\n";
        byte[] module;
        try {
            module = Wat2Wasm.parse(wat);
        } catch (RuntimeException e) { // wabt reports syntax and validation errors unchecked
            throw new IllegalArgumentException(where + ": wat2wasm refused it: " + e.getMessage(), e);
        }
        return ManifestSection.embed(module, manifest);
    }
}
