package dev.graft.wasm;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the per-call deadline of every wasm plugin with one shared daemon thread, so a call
 * costs no timer, no clock read and no allocation: callers only flip their {@link Lane}'s state
 * word, and the watchdog samples those words every tick. A lane seen BUSY with the same state
 * word for the whole deadline ran one call that long: the watchdog interrupts its thread, and
 * Chicory, which checks {@link Thread#isInterrupted()} on every call and backward branch of both
 * its interpreter and its compiled code, stops the guest with {@code ChicoryInterruptedException}.
 * (wasmtime's epoch interruption works the same way: a cheap per-call mark, a ticker elsewhere.)
 *
 * <p>A call is never interrupted early: the watchdog first sees a call at or after its start, so
 * it lets it go on at least the deadline, and at most the deadline plus one tick. A call that had
 * to wait for a free lane counts its deadline from the start of its wait (the lane tells when):
 * wait and run together stay within the deadline plus one tick.
 *
 * <p>Pools are held weakly: a retired plugin version is collected with its pool, and the thread
 * ends by itself once no pool is left (a new one starts it again).
 */
final class Watchdog {

    static final Watchdog SHARED = new Watchdog();

    private static final long MIN_TICK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_TICK = TimeUnit.MILLISECONDS.toNanos(50);

    private final ConcurrentLinkedQueue<WeakReference<InstancePool>> pools = new ConcurrentLinkedQueue<>();
    private Thread thread; // guarded by this

    private Watchdog() {
    }

    /** Starts watching a pool's lanes, until the pool is collected. */
    void watch(InstancePool pool) {
        pools.add(new WeakReference<>(pool));
        synchronized (this) {
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("graft-wasm-watchdog").start(this::run);
            }
        }
    }

    private void run() {
        while (true) {
            long now = System.nanoTime();
            long tick = MAX_TICK;
            for (Iterator<WeakReference<InstancePool>> it = pools.iterator(); it.hasNext(); ) {
                InstancePool pool = it.next().get();
                if (pool == null) {
                    it.remove();
                    continue;
                }
                tick = Math.min(tick, Math.max(MIN_TICK, pool.deadlineNanos() / 8));
                for (Lane lane : pool.lanes()) {
                    check(lane, pool.deadlineNanos(), now);
                }
            }
            // why this is sound: watch() adds before it looks at thread under the same lock, so a
            // pool added while this thread decides to end is either seen here or starts a new thread
            synchronized (this) {
                if (pools.isEmpty()) {
                    thread = null;
                    return;
                }
            }
            LockSupport.parkNanos(this, tick);
        }
    }

    private static void check(Lane lane, long deadline, long now) {
        long s = lane.state();
        if ((s & Lane.PHASE) != Lane.BUSY) {
            lane.watchedState = -1;
            return;
        }
        if (s != lane.watchedState) {
            lane.watchedState = s; // a call we have not seen before: it started at or before now
            lane.watchedSince = now;
        }
        // a call that waited for its lane started waiting earlier: its deadline covers the wait too
        lane.watchedSince = lane.startOf(s, lane.watchedSince);
        if (now - lane.watchedSince >= deadline && lane.claimExpiry(s)) {
            lane.ownerOf(s).interrupt();
            lane.interrupted(s);
            lane.watchedState = -1;
        }
    }
}
