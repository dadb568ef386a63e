package dev.graft.polyglot;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-call deadline: one daemon thread for the JVM that looks at every open context of every
 * live version every 10 ms and interrupts ({@code Context.interrupt}) a call that has run past its
 * version's deadline ({@link GuestContext#interruptIfOverdue}), and a script's top level running
 * past it ({@link Evaluation}). The call then fails with a {@link GuestCallException}; the context
 * stays usable, so the next call works.
 *
 * <p>Why a scanning thread rather than a timer per call: a call pays a volatile store and load
 * when it starts, not a scheduled task nor a clock read; the watchdog times each call from the first look that
 * finds it running, so a deadline is kept to within a look, never early. Pools are held weakly
 * and dropped once closed, so the watchdog keeps no version alive (G3); with nothing to watch it
 * parks until something is added.
 */
final class Watchdog {

    /** How often it looks: the deadline's resolution. */
    static final long TICK_NANOS = 10_000_000L;

    private static final ConcurrentLinkedQueue<WeakReference<ContextPool>> POOLS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Evaluation> EVALUATIONS = new ConcurrentLinkedQueue<>();
    private static final Thread THREAD = Thread.ofPlatform().daemon().name("graft-polyglot-watchdog").unstarted(Watchdog::run);

    static {
        THREAD.start();
    }

    private Watchdog() {
    }

    /** Watches {@code pool}'s calls until it is closed or collected. */
    static void watch(ContextPool pool) {
        POOLS.add(new WeakReference<>(pool));
        LockSupport.unpark(THREAD);
    }

    /** Watches a script's top level running, until it finished. */
    static void watch(Evaluation evaluation) {
        EVALUATIONS.add(evaluation);
        LockSupport.unpark(THREAD);
    }

    private static void run() {
        while (true) {
            if (POOLS.isEmpty() && EVALUATIONS.isEmpty()) {
                LockSupport.park(); // woken by watch
                continue;
            }
            long now = System.nanoTime();
            for (var iterator = EVALUATIONS.iterator(); iterator.hasNext(); ) {
                Evaluation evaluation = iterator.next();
                evaluation.interruptIfOverdue(now);
                if (evaluation.finished()) {
                    iterator.remove();
                }
            }
            for (var iterator = POOLS.iterator(); iterator.hasNext(); ) {
                ContextPool pool = iterator.next().get();
                if (pool != null && pool.isClosed()) {
                    pool.drain(); // the contexts given back since it closed (ContextPool's class comment)
                }
                if (pool == null || pool.isClosed() && pool.open.isEmpty()) { // a closed pool's calls in flight keep their deadline
                    iterator.remove();
                    continue;
                }
                long timeout = pool.program().callTimeout.toNanos();
                for (GuestContext context : pool.open) {
                    // the clock read again for each: an interrupt before it may have blocked for up to a second, and a
                    // call first seen after that must not be timed from before it began
                    context.interruptIfOverdue(System.nanoTime(), timeout);
                }
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
