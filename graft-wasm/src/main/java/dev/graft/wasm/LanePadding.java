package dev.graft.wasm;

/**
 * Cache-line padding around a {@link Lane}'s hot fields. Lanes are allocated together, and two
 * threads calling in neighbouring lanes write their state words on every call: without padding
 * those words can share a cache line, which then bounces between the two cores (false sharing).
 * Superclass fields are laid out before subclass fields, so padding here and in {@link Lane}
 * brackets {@link LaneState}'s fields with at least 64 bytes on each side.
 */
abstract class LanePadding {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
