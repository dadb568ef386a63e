package dev.graft.cli.dev;

import java.util.Optional;
import java.util.function.Supplier;

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
}
