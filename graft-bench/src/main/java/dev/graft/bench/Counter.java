package dev.graft.bench;

import dev.graft.api.Contract;

/**
 * The contract the benchmarks call. {@link #next} does almost nothing, so what is measured is the
 * way to it, not its body; {@link #label} does a little real work (builds a string), to show what
 * the same way costs beside a method that does something. Lives on the host's class path, as
 * every contract does.
 */
@Contract(name = "bench.counter", version = "1.0")
public interface Counter {

    /** The number after {@code n}: {@code n + 1} in version 1, {@code n + 2} in version 2. */
    int next(int n);

    /** A short text naming {@code n} and the version: {@code "v1 #42"}. */
    String label(int n);
}
