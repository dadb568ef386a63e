package dev.graft.bench.plugin;

/** Version 1's state: the count. */
public record TallyState(long count) {
}
