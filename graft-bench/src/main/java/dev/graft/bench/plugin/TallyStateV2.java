package dev.graft.bench.plugin;

/** Version 2's state: the count and one more field, so that a reload between 1 and 2 maps the state. */
public record TallyStateV2(long count, int spare) {
}
