package dev.graft.cli.dev;

import dev.graft.natives.CBindgen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code c}: a folder of C sources becomes a native plugin, a shared library for the host,
 * built by gcc (or {@code $CC}) against sdk/c and the contract headers {@link CBindgen} writes at
 * each build. Detected by any {@code .c} file (the c-wasm kind, asked first, takes those that
 * include graft_wasm.h).
 */
public final class CSourceBuilder implements SourceBuilder {

    private final String compiler;
    private final ToolchainProbe<String> probe;

    public CSourceBuilder() {
        this(System.getenv().getOrDefault("CC", "gcc"));
    }

    /** With the C compiler {@code compiler} (a name on PATH or a path). */
    public CSourceBuilder(String compiler) {
        this.compiler = compiler;
        this.probe = new ToolchainProbe<>(() -> ToolRun.succeeds(List.of(compiler, "--version"), Path.of("."), Map.of())
                ? Optional.of(compiler) : Optional.empty());
    }

    @Override
    public String kind() {
        return "c";
    }

    @Override
    public boolean accepts(Path folder) {
        try {
            return !BuildFolder.sources(folder, ".c").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> missingToolchain() {
        return probe.get().isPresent() ? Optional.empty()
                : Optional.of(compiler + " not found: install gcc (apt-get install gcc), or name a C compiler in $CC,"
                        + " to build C plugins");
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        Path work = BuildFolder.work(folder, context, kind());
        Path include = BuildFolder.writeHeaders(context.contracts(), CBindgen::header, work.resolve("include"));
        Path sdk = SdkFiles.copy("c", work.resolve("sdk"));
        Path library = BuildFolder.nextArtifact(work, folder.getFileName().toString(), ".so");
        List<String> command = new ArrayList<>(List.of(compiler, "-std=gnu11", "-O2", "-fPIC", "-shared",
                "-fvisibility=hidden", "-I", include.toString(), "-I", sdk.toString(), "-o", library.toString()));
        return BuildFolder.compileC(command, folder, library, include);
    }
}
