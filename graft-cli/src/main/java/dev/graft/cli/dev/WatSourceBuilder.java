package dev.graft.cli.dev;

import dev.graft.wasm.tools.WatCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a wasm plugin from a folder holding one WebAssembly text file ({@code *.wat}, at its
 * root) with graft-wasm's {@link WatCompiler}, which embeds the source's
 * {@code (; graft.manifest ... ;)} block as the module's {@code graft.manifest} section. wat2wasm
 * runs in this process, compiled to JVM bytecode: there is nothing to install.
 */
public final class WatSourceBuilder implements SourceBuilder {

    private final AtomicLong builds = new AtomicLong();

    @Override
    public String kind() {
        return "wat";
    }

    /** Any {@code *.wat} file at the folder's root. */
    @Override
    public boolean accepts(Path folder) {
        try {
            return !SourceFiles.atRoot(folder, ".wat").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** wat2wasm comes with graft: present unless graft was put together without Chicory's wabt. */
    @Override
    public Optional<String> missingToolchain() {
        try {
            Class.forName("com.dylibso.chicory.wabt.Wat2WasmModule", false, WatSourceBuilder.class.getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of("wat: expected Chicory's wat2wasm (com.dylibso.chicory:wabt) on graft's class path, found none");
        }
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        List<Path> sources = SourceFiles.atRoot(folder, ".wat");
        if (sources.size() != 1) {
            throw new BuildFailure(folder + ": expected exactly one .wat file at the folder's root, found " + sources.size()
                    + (sources.isEmpty() ? "" : ": " + String.join(", ", sources.stream().map(s -> s.getFileName().toString()).toList())));
        }
        Path source = sources.getFirst();
        byte[] module;
        try {
            module = WatCompiler.compile(Files.readString(source), source.toString());
        } catch (IllegalArgumentException e) { // wat2wasm's diagnostics, file:line:column, or no manifest block
            throw new BuildFailure(e.getMessage());
        }
        String name = folder.getFileName().toString();
        Path wasm = Files.createDirectories(context.outputDir().resolve(name)).resolve(name + "-" + builds.incrementAndGet() + ".wasm");
        Files.write(wasm, module);
        return wasm;
    }
}
