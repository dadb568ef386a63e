package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns one plugin folder of sources into an artifact Graft can load: one implementation per
 * source kind of {@code graft dev} (Java, C and Rust for native, WAT, C and Rust for wasm).
 *
 * <p>A builder holds no state between builds beyond what it caches to be fast (a compiler
 * instance, a probed toolchain); {@code graft dev} calls it from one build thread per plugin
 * folder, never twice at once for the same folder.
 */
public interface SourceBuilder {

    /** The kind's name, as {@code graft new} takes it and {@code graft dev} prints it: java, c, rust, wat, c-wasm, rust-wasm. */
    String kind();

    /** Whether the folder's contents are this kind's (the detection rules of docs/dev-mode.md). */
    boolean accepts(Path folder);

    /**
     * Empty when this kind's toolchain works on this machine; otherwise one line saying what is
     * missing and how to install it. Probed by running the tool, once, and cached.
     */
    Optional<String> missingToolchain();

    /**
     * Builds the folder's sources into a new artifact file under {@code context.outputDir()} and
     * returns its path; each build writes a file of its own (a native library must be loaded from
     * a path no earlier version used).
     *
     * @throws BuildFailure when the sources do not compile: its message is the compiler's output,
     *     as the compiler gives it (file:line:column)
     */
    Path build(Path folder, BuildContext context) throws BuildFailure, IOException;
}
