package dev.graft.polyglot;

import java.util.concurrent.TimeUnit;

/** Waiting for a closed pool's last contexts, which the watchdog closes at its next look when no caller did. */
final class ClosedPools {

    private ClosedPools() {
    }

    /** Whether {@code pool} has no context open within five seconds (five hundred of the watchdog's looks: a loaded machine may delay it). */
    static boolean awaitEmpty(ContextPool pool) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pool.open.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(Watchdog.TICK_NANOS / 1_000_000);
        }
        return pool.open.isEmpty();
    }
}
