package dev.graft.bench.plugin;

import dev.graft.bench.Counter;

/** Version 2 of the benchmark plugin's provider: what reloads alternate with version 1. */
public final class CounterV2 implements Counter {

    @Override
    public int next(int n) {
        return n + 2;
    }

    @Override
    public String label(int n) {
        return "v2 #" + n;
    }
}
