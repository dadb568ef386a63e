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
 * word for the whole deadline ran one call that long, and the watchdog stops it: in a cooperative
 * pool it asks the call to stop ({@link Lane#requestStop}) and arms the compiled guest's stop
 * check ({@link StopHook}), which throws {@code ChicoryInterruptedException} on the calling thread
 * at its next call or backward branch; in an interrupting pool it interrupts the thread, and
 * Chicory, which checks {@link Thread#isInterrupted()} at the same places in its interpreter and
 * its compiled code, stops the guest the same way. (wasmtime's epoch interruption works alike: a
 * cheap per-call mark, a ticker elsewhere.)
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

    /**
     * Tests only: stop calls the way a weakened handshake would, by interrupting the thread seen
     * holding a call past its deadline without claiming the call first, so that the race the
     * handshake closes shows (see {@link Lane}). Never set outside tests.
     */
    static volatile boolean interruptWithoutClaim;
    /** Tests only: how long to wait between deciding to stop a call and stopping it, to widen any race. */
    static volatile long decisionDelayNanos;

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
                boolean stopping = false;
                for (Lane lane : pool.lanes()) {
                    stopping |= check(pool, lane, now);
                }
                if (pool.cooperative()) {
                    pool.armStopCheck(stopping);
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

    /** Looks at one lane; whether a call in it is asked to stop and has not left yet (cooperative pools). */
    private static boolean check(InstancePool pool, Lane lane, long now) {
        long s = lane.state();
        if ((s & Lane.PHASE) != Lane.BUSY) {
            lane.watchedState = -1;
            return false;
        }
        if (s != lane.watchedState) {
            lane.watchedState = s; // a call we have not seen before: it started at or before now
            lane.watchedSince = now;
        }
        // a call that waited for its lane started waiting earlier: its deadline covers the wait too
        lane.watchedSince = lane.startOf(s, lane.watchedSince);
        if (now - lane.watchedSince < pool.deadlineNanos()) {
            return false;
        }
        if (interruptWithoutClaim) {
            Thread owner = lane.owner;
            pause();
            owner.interrupt();
            lane.watchedState = -1;
            return false;
        }
        if (pool.cooperative()) {
            if (!lane.stopPending(s)) {
                pause();
                lane.requestStop(s); // the call's own check throws; a request after it left names a word no call holds again
            }
            return true;
        }
        if (lane.claimExpiry(s)) {
            pause();
            lane.ownerOf(s).interrupt();
            lane.interrupted(s);
            lane.watchedState = -1;
        }
        return false;
    }

    private static void pause() {
        long delay = decisionDelayNanos;
        if (delay > 0) {
            LockSupport.parkNanos(delay);
        }
    }
}
