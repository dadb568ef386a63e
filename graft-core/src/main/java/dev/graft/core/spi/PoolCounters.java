package dev.graft.core.spi;

import dev.graft.core.InstanceStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of a loader's pool of instances behind {@link PreparedPlugin#instances}: instances
 * made, calls that waited for one, and waits that timed out. A pool calls these on its slow paths
 * only (making an instance, a call that found none free), never on a call's fast path, which is
 * why plain atomic counters are cheap enough: they are touched at the rate of waits, not calls.
 */
public final class PoolCounters {

    private final AtomicLong made = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitsTimedOut = new AtomicLong();

    /** An instance was made (the first included). */
    public void made() {
        made.incrementAndGet();
    }

    /** A call found every instance busy and the pool full, and waits for one; once per call. */
    public void waiting() {
        waits.incrementAndGet();
    }

    /** A call's wait ended at its deadline with no instance. */
    public void waitTimedOut() {
        waitsTimedOut.incrementAndGet();
    }

    /** The counters with the pool's gauges, read now by the pool. */
    public InstanceStats snapshot(int capacity, int open, int inCall, int bound) {
        return new InstanceStats(capacity, open, inCall, bound, made.get(), waits.get(), waitsTimedOut.get());
    }
}
