package dev.graft.cli.dev;

import dev.graft.wasm.WasmBindgen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code c-wasm}: a folder of C sources that include graft_wasm.h becomes a wasm plugin,
 * built by clang {@code --target=wasm32} and lld's wasm-ld without libc (as
 * examples/greeter-wasm/src/main/c/build.sh does), against sdk/wasm and the contract headers
 * {@link WasmBindgen} writes at each build. The manifest is in the source
 * ({@code GRAFT_MANIFEST_LINE}).
 */
public final class CWasmSourceBuilder implements SourceBuilder {

    /** clang's flags for a guest without libc or entry point; -mbulk-memory for memcpy and memset. */
    private static final List<String> FLAGS = List.of("--target=wasm32", "-O2", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry");

    private final String compiler;
    private final ToolchainProbe<String> probe;

    public CWasmSourceBuilder() {
        this("clang");
    }

    /** With the clang {@code compiler} (a name on PATH or a path). */
    public CWasmSourceBuilder(String compiler) {
        this.compiler = compiler;
        this.probe = new ToolchainProbe<>(() -> probe(compiler));
    }

    /** clang on PATH may lack the wasm32 target or wasm-ld: compile and link a tiny module to know. */
    private static Optional<String> probe(String compiler) {
        return ToolchainProbe.inScratchFolder(dir -> {
            try {
                Files.writeString(dir.resolve("probe.c"), "__attribute__((export_name(\"f\"))) int f(void) { return 1; }\n");
            } catch (IOException e) {
                return Optional.empty();
            }
            List<String> command = new ArrayList<>(List.of(compiler));
            command.addAll(FLAGS);
            command.addAll(List.of("-o", "probe.wasm", "probe.c"));
            return ToolRun.succeeds(command, dir, Map.of()) ? Optional.of(compiler) : Optional.empty();
        });
    }

    @Override
    public String kind() {
        return "c-wasm";
    }

    @Override
    public boolean accepts(Path folder) {
        return BuildFolder.anySourceMentions(folder, ".c", "graft_wasm.h");
    }

    @Override
    public Optional<String> missingToolchain() {
        return probe.get().isPresent() ? Optional.empty()
                : Optional.of(compiler + " not found: install clang and lld (apt-get install clang lld) to build C plugins for wasm");
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        Path work = BuildFolder.work(folder, context, kind());
        Path include = BuildFolder.writeHeaders(context.contracts(), WasmBindgen::cHeader, work.resolve("include"));
        Path sdk = SdkFiles.copy("wasm", work.resolve("sdk"));
        Path module = BuildFolder.nextArtifact(work, folder.getFileName().toString(), ".wasm");
        List<String> command = new ArrayList<>(List.of(compiler));
        command.addAll(FLAGS);
        command.addAll(List.of("-I", include.toString(), "-I", sdk.toString(), "-o", module.toString()));
        return BuildFolder.compileC(command, folder, module, include);
    }
}
