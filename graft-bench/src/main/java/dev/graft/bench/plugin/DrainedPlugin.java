package dev.graft.bench.plugin;

import dev.graft.api.Plugin;

/**
 * A plugin main class with a stop hook. Its presence alone makes the runtime count every call
 * into the version (so it can stop it only once none is in flight): the benchmarks use it to
 * measure the price of that counting.
 */
public final class DrainedPlugin implements Plugin {

    @Override
    public void stop() {
        // nothing to release; overriding stop is what matters
    }
}
