package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A toolchain's probe, run once: the first caller runs it, every later caller gets its answer.
 * A probe runs the tool (a compiler on a tiny source), because a tool on PATH may still lack a
 * target or a linker.
 *
 * <p>Why this is sound: {@code graft dev} may ask from several build threads at once; the answer
 * is computed and read under this object's lock, so the probe runs once and every thread sees its
 * answer.
 */
final class ToolchainProbe<T> {

    private final Supplier<Optional<T>> probe;
    private Optional<T> found;

    ToolchainProbe(Supplier<Optional<T>> probe) {
        this.probe = probe;
    }

    /** What the probe found (a working tool, say), or empty when it found none. */
    synchronized Optional<T> get() {
        if (found == null) {
            found = probe.get();
        }
        return found;
    }

    /** What {@code probe} finds in a scratch folder of its own, deleted afterwards; empty if the folder cannot be made. */
    static <T> Optional<T> inScratchFolder(Function<Path, Optional<T>> probe) {
        try {
            Path dir = Files.createTempDirectory("graft-probe");
            try {
                return probe.apply(dir);
            } finally {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
