package dev.graft.core.slot;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the calls in flight in one plugin version, for versions that must not be stopped (or
 * whose state must not be taken) while a call runs in them. Versions that need neither are not
 * counted at all: their call path is the implementation's method, inlined into the caller.
 *
 * <p>Like the acquire count of a shared {@code java.lang.foreign.Arena}: {@link #enter} and
 * {@link #exit} bracket every call; {@link #close} refuses further entries; {@link #awaitDrained}
 * waits for the count to reach zero. A refused entry returns {@code false} and the caller goes back
 * through the slot, where the successor answers. While the tracker is {@linkplain #hold held}
 * (the quiesce point of a state hand-over), refused callers wait for {@link #release} first, so
 * they reach the successor once it is published, or this version again if the reload rolled back.
 *
 * <p>Why this is sound: the count and the closed flag live in one {@link AtomicLong}, so "enter
 * succeeded" and "close happened" are totally ordered: an entry that saw the flag clear was
 * counted before close, and {@link #awaitDrained} waits for it; an entry after close sees the flag
 * and backs out. The drain waiter is published (volatile) before it reads the count, and
 * {@link #exit} reads the waiter after its decrement, so whichever of the two comes second sees
 * the other: no wake-up is lost (and the park is bounded as a backstop).
 */
public final class CallTracker {

    private static final long CLOSED = 1L << 62;
    private static final long COUNT = CLOSED - 1;

    private final AtomicLong state = new AtomicLong();
    private volatile Thread drainWaiter;
    private boolean held; // guarded by this

    /** Enters a call; {@code false} if the version is closed (the caller must go through the slot again). */
    public boolean enter() {
        if ((state.getAndIncrement() & CLOSED) == 0) {
            return true;
        }
        exit(); // never entered: undo the count
        awaitRelease();
        return false;
    }

    /** Leaves a call entered with {@link #enter}. */
    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            Thread waiter = drainWaiter;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** Refuses further entries; calls already in flight go on. */
    public void close() {
        state.getAndUpdate(s -> s | CLOSED);
    }

    /** Closes and makes refused callers wait until {@link #release}: the quiesce point's gate. */
    public synchronized void hold() {
        held = true;
        close();
    }

    /** Lets callers waiting at the gate go on; they go through the slot again. */
    public synchronized void release() {
        held = false;
        notifyAll();
    }

    /** Undoes {@link #hold} or {@link #close} after a rolled-back reload: entries succeed again. */
    public void reopen() {
        state.getAndUpdate(s -> s & ~CLOSED);
        release();
    }

    /** Calls in flight now. */
    public long inFlight() {
        return state.get() & COUNT;
    }

    /** Whether entries are refused. */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Waits until no call is in flight. Call after {@link #close}, else new calls may keep coming.
     *
     * @return {@code true} if drained, {@code false} if the timeout passed first
     */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        drainWaiter = Thread.currentThread();
        try {
            while ((state.get() & COUNT) != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for calls to drain");
                }
            }
            return true;
        } finally {
            drainWaiter = null;
        }
    }

    private synchronized void awaitRelease() {
        boolean interrupted = false;
        while (held) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the caller's call goes on; keep its interrupt for it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
