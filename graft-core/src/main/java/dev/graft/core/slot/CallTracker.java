package dev.graft.core.slot;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * <p>The count is striped: each thread counts in one of several cells (by its thread id), each
 * on a cache line of its own, so that threads calling one version at once do not contend for one
 * line (the cost that made two threads' counted calls four times dearer than one's).
 *
 * <p>Why this is sound: {@link #enter} increments its cell and then reads the closed flag;
 * {@link #close} sets the flag and {@link #awaitDrained} then reads every cell. All of these are
 * volatile accesses, totally ordered consistently with each thread's program order: if an entry's
 * increment comes before close, the drain reads see it and wait for its exit; if it comes after,
 * the entry's read of the flag comes after too, sees it set, and backs out. The drain waiter is
 * published (in a concurrent queue: the reload quiescing a version and the retirer draining it may
 * wait at once) before the drain reads the cells, and {@link #exit} reads the waiters after its
 * decrement, so whichever of the two comes second sees the other: no wake-up is lost (and the park
 * is bounded as a backstop). A thread always enters and exits through the same cell (its id does
 * not change), so a cell never goes below zero.
 */
public final class CallTracker {

    /** Longs from one cell to the next: 128 bytes, two cache lines (adjacent-line prefetch). */
    private static final int STRIDE = 16;
    /** Cells: the next power of two of twice the processors, from 2 to 64. */
    private static final int BITS = Math.clamp(
            32 - Integer.numberOfLeadingZeros(2 * Runtime.getRuntime().availableProcessors() - 1), 1, 6);

    // cell c at index (c + 1) * STRIDE: a stride of padding before the first and after the last,
    // so that no cell shares a cache line with the array's header or with this object's fields
    private final AtomicLongArray cells = new AtomicLongArray(((1 << BITS) + 2) * STRIDE);
    private final String label;
    private volatile boolean closed;
    private final Queue<Thread> drainWaiters = new ConcurrentLinkedQueue<>();
    private boolean held; // guarded by this
    private Thread holder; // guarded by this: the thread that holds the gate, which must never wait at it
    private long heldSince; // guarded by this
    private long holdBound; // guarded by this: how long a caller waits at the gate at most

    /** A tracker for an unnamed version. */
    public CallTracker() {
        this("a plugin version");
    }

    /** A tracker for the version {@code label} ({@code greeter@1.0.0#3}), which messages name. */
    public CallTracker(String label) {
        this.label = label;
    }

    /** The calling thread's cell (its offset in {@link #cells}): Fibonacci hashing of its id. */
    private static int cell() {
        return ((int) ((Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L) >>> (64 - BITS)) + 1) * STRIDE;
    }

    /** Enters a call; {@code false} if the version is closed (the caller must go through the slot again). */
    public boolean enter() {
        return enterCell() >= 0;
    }

    /** Leaves a call entered with {@link #enter}. */
    public void exit() {
        exitCell(cell());
    }

    /**
     * {@link #enter} for the generated counted targets: the calling thread's cell, to give back to
     * {@link #exitCell} (so the call path finds its cell once), or -1 if the version is closed.
     */
    public int enterCell() {
        int cell = cell();
        cells.getAndIncrement(cell);
        if (!closed) {
            return cell;
        }
        exitCell(cell); // never entered: undo the count
        awaitRelease();
        return -1;
    }

    /** Leaves a call entered with {@link #enterCell}, which returned {@code cell}, on the same thread. */
    public void exitCell(int cell) {
        if (cells.decrementAndGet(cell) == 0 && closed) {
            for (Thread waiter : drainWaiters) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** Refuses further entries; calls already in flight go on. */
    public void close() {
        closed = true;
    }

    /** Closes and makes refused callers wait until {@link #release}: the quiesce point's gate. */
    public void hold() {
        hold(Long.MAX_VALUE);
    }

    /**
     * {@link #hold}, but a refused caller waits at most {@code boundNanos}; then it fails with an
     * {@link IllegalStateException}, because the reload holding the gate is stuck.
     */
    public synchronized void hold(long boundNanos) {
        held = true;
        holder = Thread.currentThread();
        heldSince = System.nanoTime();
        holdBound = boundNanos;
        close();
    }

    /** Lets callers waiting at the gate go on; they go through the slot again. */
    public synchronized void release() {
        held = false;
        holder = null;
        notifyAll();
    }

    /** Undoes {@link #hold} or {@link #close} after a rolled-back reload: entries succeed again. */
    public void reopen() {
        closed = false;
        release();
    }

    /**
     * Calls in flight now (a refused entry is counted until it backs out). Exact once closed and
     * drained; a moment's sum of the cells otherwise.
     */
    public long inFlight() {
        long sum = 0;
        for (int i = STRIDE; i < cells.length(); i += STRIDE) {
            sum += cells.get(i);
        }
        return sum;
    }

    /** Whether entries are refused. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Waits until no call is in flight. Call after {@link #close}, else new calls may keep coming.
     *
     * @return {@code true} if drained, {@code false} if the timeout passed first
     */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Thread me = Thread.currentThread();
        drainWaiters.add(me);
        try {
            while (inFlight() != 0) {
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
            drainWaiters.remove(me);
        }
    }

    private synchronized void awaitRelease() {
        if (held && holder == Thread.currentThread()) {
            // the reloading thread would wait for itself: a start of a version with state called a
            // contract whose old provider it is quiescing in the same reload
            throw new IllegalStateException("expected no call into " + label + ", which is being quiesced, from the thread that quiesces it "
                    + "(a plugin's start called a contract whose provider is handing its state over in the same reload), "
                    + "found one; it would wait for itself");
        }
        boolean interrupted = false;
        try {
            while (held) {
                long left = holdBound - (System.nanoTime() - heldSince);
                if (left <= 0) {
                    throw new IllegalStateException("expected the reload that holds the quiesce gate of " + label
                            + " to hand its state over within " + holdBound / 1_000_000 + " ms, found it still holding it:"
                            + " the reload is stuck (a start that waits for a call into a plugin it quiesces?)");
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true; // the caller's call goes on; keep its interrupt for it
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
