package dev.graft.examples.greeter;

import dev.graft.api.HostModule;

/**
 * The example host module for native and wasm plugins: the host's named counters (those
 * {@link Counters} gives JVM plugins), reached through handles, since a guest cannot hold a JVM
 * reference. {@link #counter} gives an owned handle; the guest passes it to {@link #add}, and
 * releases it with {@code graft.handles}' {@code release}, or leaves that to its version's
 * retirement.
 */
@HostModule(name = "example.tally", version = "1.0")
public interface Tally {

    /** An owned handle on the host's counter named {@code name}, made on first use. */
    long counter(String name);

    /** Adds {@code n} to the counter behind the handle {@code counter}. */
    void add(long counter, int n);
}
