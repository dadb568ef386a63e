package dev.graft.core.testing;

import java.time.Duration;

/**
 * Holds calls inside a plugin version while closed, so a test knows for certain that a call is in
 * flight (no sleeps, no timing). Open when made.
 */
public final class Gate {

    private boolean open = true; // guarded by this
    private int waiting; // guarded by this

    public synchronized void close() {
        open = false;
    }

    public synchronized void open() {
        open = true;
        notifyAll();
    }

    /** Calls waiting at the gate now. */
    public synchronized int waiting() {
        return waiting;
    }

    /** Waits (bounded) until {@code count} calls wait at the gate. */
    public synchronized void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Threads.TIMEOUT.toNanos();
        while (waiting < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " call(s) waiting at the gate within "
                        + Threads.TIMEOUT.toSeconds() + " s, found " + waiting);
            }
            wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
    }

    /** Called by a plugin version's calls: waits while the gate is closed. */
    synchronized void pass() throws InterruptedException {
        waiting++;
        notifyAll();
        try {
            while (!open) {
                wait();
            }
        } finally {
            waiting--;
        }
    }
}
