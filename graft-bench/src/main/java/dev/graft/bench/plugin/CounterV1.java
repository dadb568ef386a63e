package dev.graft.bench.plugin;

import dev.graft.bench.Counter;

/**
 * Version 1 of the benchmark plugin's provider. Written into a plugin jar at set-up time; the
 * plugin's class loader defines its own copy from that jar (child first), so calls through Graft
 * run the plugin's class while the direct baseline runs this one: the same bytecode.
 */
public final class CounterV1 implements Counter {

    @Override
    public int next(int n) {
        return n + 1;
    }

    @Override
    public String label(int n) {
        return "v1 #" + n;
    }
}
