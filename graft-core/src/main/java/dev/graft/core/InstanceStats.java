package dev.graft.core;

/**
 * What the pool a plugin version runs its calls in holds now, and what it has done since the
 * version was prepared, for operators ({@link PluginStats#instances()}): WebAssembly instances for
 * a wasm plugin, guest contexts for a JavaScript or Python plugin. JVM and native plugins run
 * their calls on the caller's thread in one shared instance and have no pool.
 *
 * <p>The gauges ({@code open}, {@code inCall}, {@code bound}) are a snapshot read without taking
 * anything, so they may disagree with each other by a call that began or ended while they were
 * read; the counters only grow. None of it is counted on a call's fast path: a pool counts only
 * on its slow paths (making an instance, a call that had to wait).
 *
 * @param capacity the most instances the pool keeps at once (the loader's {@code maxInstances} or
 *                 {@code maxContexts}, a wasm pool's rounded up to a power of two; 1 for a script
 *                 plugin that declares state, whose calls run one at a time)
 * @param open     instances made and not dropped or closed
 * @param inCall   instances a call runs in now
 * @param bound    instances bound to a platform thread, which takes them with no atomic instruction
 *                 (at most half the capacity; a binding outlives its thread until callers run short)
 * @param made     instances made since the version was prepared, the first included: more than
 *                 {@code capacity} means some were dropped (after a call that failed in them) and made again
 * @param waits    calls that found every instance busy or bound to another thread, and the pool
 *                 full, and so waited for one (up to their deadline)
 * @param waitsTimedOut the waits that found no instance before the call's deadline: those calls
 *                 failed without running ({@code WasmWaitTimeoutException}, or a
 *                 {@code GuestCallException} saying so); a call stopped while running is not one
 */
public record InstanceStats(int capacity, int open, int inCall, int bound, long made, long waits, long waitsTimedOut) {

    /** One line: {@code instances 4 of 4 open, 3 in a call, 1 bound; 4 made, 12 waits (0 timed out)}. */
    @Override
    public String toString() {
        return "instances " + open + " of " + capacity + " open, " + inCall + " in a call, " + bound + " bound; " + made
                + " made, " + waits + " waits (" + waitsTimedOut + " timed out)";
    }
}
