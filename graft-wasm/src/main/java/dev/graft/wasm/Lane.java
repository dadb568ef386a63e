package dev.graft.wasm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One place in an {@link InstancePool}: a guest instance, the caller that holds it, and the
 * handshake with the {@link Watchdog} that interrupts a call past its deadline. Public only for
 * the generated providers, which call its pool; not an API.
 *
 * <p>The state word holds a call sequence number and a phase: IDLE, BUSY (a caller holds the
 * lane), EXPIRED (the watchdog claimed the call: it is about to interrupt the caller) and
 * INTERRUPTED (it did). A caller takes the lane with one CAS (IDLE to BUSY, next sequence) and
 * gives it back with one CAS (BUSY to IDLE, same sequence).
 *
 * <p>Why this is sound:
 * <ul>
 *   <li>One caller at a time: only a CAS from IDLE makes a lane BUSY, and only its holder (or,
 *       after an expiry, its holder once the watchdog is done) makes it IDLE again. A wasm
 *       instance is single-threaded; the CAS pair orders one holder's use of it before the next's.</li>
 *   <li>The watchdog never interrupts a thread that has left its call: it interrupts only after
 *       its own CAS from BUSY(n) to EXPIRED(n) succeeded, and a caller leaves call n only through
 *       a CAS from BUSY(n). Whichever CAS comes first wins: either the caller left and the watchdog
 *       does nothing, or the watchdog claimed the call and the caller's release fails, so it
 *       waits for INTERRUPTED, clears its interrupt flag and discards the instance.</li>
 *   <li>The watchdog interrupts the right thread: the holder publishes itself (owner) and then the
 *       state it holds (ownerState) with release stores; the watchdog waits until it reads
 *       ownerState equal to the call it claimed (acquire), so the owner it reads next is that
 *       call's. The lane cannot change hands before the watchdog sets INTERRUPTED.</li>
 *   <li>Sequence numbers make "the same call, still running" exact: a lane the watchdog saw BUSY
 *       at two ticks with the same state word ran one call all that time.</li>
 * </ul>
 */
public final class Lane extends LaneState {

    static final long IDLE = 0;
    static final long BUSY = 1;
    static final long EXPIRED = 2;
    static final long INTERRUPTED = 3;
    static final long PHASE = 3;
    static final long NEXT = 4;

    private static final VarHandle STATE;
    private static final VarHandle OWNER;
    private static final VarHandle OWNER_STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(LaneState.class, "state", long.class);
            OWNER = lookup.findVarHandle(LaneState.class, "owner", Thread.class);
            OWNER_STATE = lookup.findVarHandle(LaneState.class, "ownerState", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // padding: see LanePadding
    private long q01, q02, q03, q04, q05, q06, q07, q08;

    /** Watchdog-private: the BUSY state seen at the last tick, and since when. */
    long watchedState = -1;
    long watchedSince;

    /**
     * Slow path only: a caller that had to wait for this lane publishes when it began waiting
     * ({@link #waitStart}, then {@link #waitedState}, the state word it holds), so the watchdog
     * counts that call's deadline from the start of the wait. A call taken without waiting writes
     * neither; the sequence number in the state word keeps a stale pair from matching a later call.
     */
    private long waitStart;
    private volatile long waitedState = -1;

    /** Holder only, right after taking the lane: the call began waiting for it at {@code nanoTime}. */
    void waitedSince(long nanoTime) {
        waitStart = nanoTime;
        waitedState = held;
    }

    /**
     * The watchdog's view of when call {@code busy} started: {@code seen} (its first sight of it),
     * or earlier if its holder waited for the lane. A later call's wait read by mistake can only
     * make it later or belong to a call that has already left, whose claim then fails.
     */
    long startOf(long busy, long seen) {
        return waitedState == busy ? Math.min(seen, waitStart) : seen;
    }

    /** The guest instance; call only while holding the lane. */
    public GuestInstance guest() {
        return guest;
    }

    /** Takes the lane if it is idle. */
    boolean tryAcquire() {
        long s = state;
        if ((s & PHASE) != IDLE) {
            return false;
        }
        long busy = s + NEXT | BUSY;
        if (!STATE.compareAndSet(this, s, busy)) {
            return false;
        }
        held = busy;
        OWNER.setRelease(this, Thread.currentThread());
        OWNER_STATE.setRelease(this, busy);
        return true;
    }

    /** Gives the lane back; {@code false} if the watchdog claimed the call first (then {@link #settleExpiry} must run). */
    boolean tryRelease() {
        long busy = held;
        return STATE.compareAndSet(this, busy, busy & ~PHASE);
    }

    /** Whether the watchdog claimed the call the holder is in. Holder only. */
    boolean expired() {
        return state != held;
    }

    /**
     * The holder's side of an expiry: waits until the watchdog has interrupted this thread,
     * clears the interrupt, discards the instance (its call stopped halfway) and gives the lane
     * back. Holder only, after {@link #tryRelease} failed or {@link #expired} said so.
     */
    void settleExpiry() {
        long busy = held;
        while (state == (busy & ~PHASE | EXPIRED)) {
            Thread.onSpinWait(); // the watchdog sets INTERRUPTED right after interrupt()
        }
        Thread.interrupted(); // the watchdog's interrupt; it happened-before the INTERRUPTED write we read
        guest = null;
        state = busy & ~PHASE;
    }

    // ------------------------------------------------------------ the watchdog's side

    long state() {
        return state;
    }

    /** Claims call {@code busy} for expiry; fails if it ended meanwhile. */
    boolean claimExpiry(long busy) {
        return STATE.compareAndSet(this, busy, busy & ~PHASE | EXPIRED);
    }

    /** The thread holding call {@code busy}, which the watchdog claimed; waits for its publication. */
    Thread ownerOf(long busy) {
        while ((long) OWNER_STATE.getAcquire(this) != busy) {
            Thread.onSpinWait();
        }
        return (Thread) OWNER.getAcquire(this);
    }

    /** Tells the holder of the claimed call {@code busy} that its interrupt was sent. */
    void interrupted(long busy) {
        state = busy & ~PHASE | INTERRUPTED;
    }
}
