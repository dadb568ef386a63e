package dev.graft.bench;

import dev.graft.api.Contract;

/**
 * The contract of the state benchmarks: {@link #peek} touches no state (so it measures the way to
 * a version with state against one without), {@link #add} adds to a count the plugin keeps (in a
 * field of its own without state, in its state cell with it).
 */
@Contract(name = "bench.tally", version = "1.0")
public interface Tally {

    /** {@code n + 1}, touching nothing. */
    int peek(int n);

    /** Adds {@code n} to the plugin's count and returns the new count. */
    long add(long n);
}
