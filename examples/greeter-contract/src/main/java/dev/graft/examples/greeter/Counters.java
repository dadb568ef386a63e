package dev.graft.examples.greeter;

import dev.graft.api.HostModule;
import java.util.concurrent.atomic.LongAdder;

/**
 * The example host module for JVM plugins: the host's named counters, handed over as the objects
 * they are. A JVM plugin holds references, so it needs no handle; native and wasm plugins reach the
 * same counters through {@link Tally}. The example greeters count their greetings in the counter
 * {@code "greetings"}, so the host can tell how many greetings every version together gave.
 */
@HostModule(name = "example.counters", version = "1.0")
public interface Counters {

    /** The host's counter named {@code name}, made on first use; the same object for every plugin. */
    LongAdder counter(String name);
}
