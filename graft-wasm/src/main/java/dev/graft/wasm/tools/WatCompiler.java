package dev.graft.wasm.tools;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2WasmModule;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.graft.wasm.ManifestSection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * <p>Every file is compiled even when one fails; each failure is printed with everything
 * wat2wasm said about it ({@code err.wat:5:21: error: ...}, every error of the file), and the exit
 * status is 1 if any failed.
 *
 * <p>A build tool, not part of the loader: it needs Chicory's wabt ({@code com.dylibso.chicory:wabt},
 * wat2wasm compiled to JVM bytecode, so no native toolchain, with the WASI and in-memory file
 * system it runs on), which graft-wasm declares {@code provided} so that hosts never carry it.
 * Whoever runs this class puts wabt on its class path.
 */
public final class WatCompiler {

    static final String OPEN = "(; graft.manifest";
    static final String CLOSE = ";)";

    /** wat2wasm, loaded once: its module is large, and stateless between runs. */
    private static final class Wat2Wasm {
        static final WasmModule MODULE = Wat2WasmModule.load();
    }

    private WatCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WatCompiler SOURCE_FOLDER TARGET_FOLDER");
            System.exit(2);
        }
        int status = run(Path.of(args[0]), Path.of(args[1]), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Compiles every {@code .wat} file of {@code from} into {@code to}, going on past failures,
     * and prints each failure to {@code err}. Returns the exit status: 0, or 1 if there was no
     * {@code .wat} file or any of them failed.
     */
    static int run(Path from, Path to, PrintStream err) throws IOException {
        Files.createDirectories(to);
        List<Path> sources;
        try (Stream<Path> files = Files.list(from)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith(".wat")).sorted().toList();
        }
        if (sources.isEmpty()) {
            err.println("WatCompiler: expected .wat files in " + from + ", found none");
            return 1;
        }
        List<String> failed = new ArrayList<>();
        for (Path source : sources) {
            String name = source.getFileName().toString().replaceFirst("\\.wat$", ".wasm");
            try {
                Files.write(to.resolve(name), compile(Files.readString(source), source.toString()));
            } catch (IllegalArgumentException e) {
                err.println("WatCompiler: " + e.getMessage());
                failed.add(source.getFileName().toString());
            }
        }
        if (!failed.isEmpty()) {
            err.println("WatCompiler: expected every .wat file in " + from + " to compile, found " + failed.size() + " of "
                    + sources.size() + " that did not: " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }

    /**
     * The wasm plugin for one WAT source with a manifest block.
     *
     * @param where the source as the caller names it, for messages
     * @throws IllegalArgumentException if the source has no manifest block, or wat2wasm refuses
     *     it: the message then holds every diagnostic wat2wasm printed, with {@code where}'s file
     *     name, line and column
     */
    public static byte[] compile(String wat, String where) {
        int open = wat.indexOf(OPEN);
        int close = open < 0 ? -1 : wat.indexOf(CLOSE, open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException(where + ": expected a '" + OPEN + " ... " + CLOSE + "' block, found none");
        }
        String manifest = wat.substring(open + OPEN.length(), close).strip() + "\n";
        return ManifestSection.embed(wat2wasm(wat, where), manifest);
    }

    /**
     * Runs wat2wasm as Chicory's {@code Wat2Wasm.parse} does, but keeps what it writes to stderr
     * apart from the module it writes to stdout: {@code parse} sends both to one stream and, when
     * wat2wasm exits with an error, throws only {@code Process exit code: 1}.
     */
    private static byte[] wat2wasm(String wat, String where) {
        String fileName = Path.of(where).getFileName().toString();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("unix").build())) {
            Path dir = Files.createDirectory(fs.getPath("/src"));
            Files.writeString(dir.resolve(fileName), wat);
            WasiOptions options = WasiOptions.builder().withStdout(stdout).withStderr(stderr)
                    .withDirectory(dir.toString(), dir)
                    .withEnvironment("FORCE_COLOR", "0") // wabt colours its messages on a terminal, and takes WASI's stderr for one
                    .withArguments(List.of("wat2wasm", dir.resolve(fileName).toString(), "--output=-")).build();
            try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
                Instance.builder(Wat2Wasm.MODULE).withMachineFactory(Wat2WasmModule::create)
                        .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build()).build();
            } catch (WasiExitException e) {
                if (e.exitCode() != 0) {
                    throw new IllegalArgumentException(where + ": wat2wasm refused it (exit status " + e.exitCode() + "):\n"
                            + diagnostics(stderr, dir + "/", where), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stdout.toByteArray();
    }

    /** wat2wasm's stderr, its file named as the caller names it rather than by the in-memory path. */
    private static String diagnostics(ByteArrayOutputStream stderr, String inMemory, String where) {
        String text = stderr.toString(StandardCharsets.UTF_8).stripTrailing();
        String named = text.replace(inMemory + Path.of(where).getFileName(), where);
        return named.isEmpty() ? "(it printed nothing)" : named;
    }
}
