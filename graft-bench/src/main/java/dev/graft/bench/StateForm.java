package dev.graft.bench;

/**
 * The three forms of a plugin the state benchmarks compare, as JMH parameters name them: without
 * state (the baseline), with state of one shape in both versions, and with state whose shape
 * changes between the versions.
 */
public enum StateForm { STATELESS, SAME_SHAPE, SHAPE_CHANGE }
