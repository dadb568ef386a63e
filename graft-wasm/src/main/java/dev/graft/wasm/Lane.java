package dev.graft.wasm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One place in an {@link InstancePool}: a guest instance, the caller that holds it, and what the
 * {@link Watchdog} needs to stop a call past its deadline. Public only for the generated
 * providers, which call its pool; not an API.
 *
 * <p>The state word holds a call sequence number, a BOUND bit and a phase: IDLE, BUSY (a caller
 * holds the lane), and, in a pool that stops calls by interrupt, EXPIRED (the watchdog claimed the
 * call: it is about to interrupt the caller) and INTERRUPTED (it did). Two ways to hold a lane:
 * <ul>
 *   <li><b>Shared</b>: a caller takes an idle, unbound lane with one CAS (IDLE to BUSY, next
 *       sequence) and gives it back, with a release store in a cooperative pool, with a CAS (BUSY
 *       to IDLE, same sequence) in a pool that interrupts.</li>
 *   <li><b>Bound</b> (cooperative pools only): a platform thread binds an idle lane to itself once
 *       (a CAS sets BOUND), and from then on enters and leaves it with release stores alone, until
 *       it ends. No other caller takes a BOUND lane.</li>
 * </ul>
 *
 * <p>Why this is sound:
 * <ul>
 *   <li>One caller at a time: only a CAS from an idle, unbound word makes a lane BUSY for a shared
 *       caller, and only its holder makes it IDLE again; the holder's release store (or CAS) orders
 *       its use of the instance before the next taker's CAS reads the IDLE word. A bound lane is
 *       entered only by its thread ({@link #owner} equal to the current thread and the BOUND bit
 *       set, both written by that thread when it bound the lane), so its uses are in program order.
 *       It is unbound only once {@link Thread#isAlive} says its thread ended, and a thread's end
 *       synchronizes-with that observation (JLS 17.4.4): its last use happens-before the next.</li>
 *   <li>Cooperative pools (see {@link StopHook}): the watchdog never interrupts. It writes the BUSY
 *       word of the call to stop into {@link #stop}, and the compiled guest's stop check, on the
 *       calling thread, throws when its own lane's state word equals it. A stop request that
 *       arrives after its call returned names a word that never comes back (the sequence moved
 *       on), so it cannot touch a later call or the thread; there is no race to win, hence no
 *       locked instruction for the caller. A call that returns before it reaches a check keeps its
 *       result.</li>
 *   <li>Interrupting pools: the watchdog interrupts only after its own CAS from BUSY(n) to
 *       EXPIRED(n) succeeded, and a caller leaves call n only through a CAS from BUSY(n). Whichever
 *       CAS comes first wins: either the caller left and the watchdog does nothing, or the watchdog
 *       claimed the call and the caller's release fails, so it waits for INTERRUPTED, clears its
 *       interrupt flag and discards the instance. A release store instead would let the watchdog
 *       read BUSY(n) from before the store reached it, and interrupt a thread already back in host
 *       code (the test's weakened variant, {@link Watchdog#interruptWithoutClaim}, shows it).</li>
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
    /** Cooperative pools, between a shared taker's CAS and its BUSY word (the interrupting pools' EXPIRED value). */
    static final long TAKING = 2;
    static final long BOUND = 4;
    static final long NEXT = 8;

    private static final VarHandle STATE;
    private static final VarHandle OWNER;
    private static final VarHandle OWNER_STATE;
    private static final VarHandle STOP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(LaneState.class, "state", long.class);
            OWNER = lookup.findVarHandle(LaneState.class, "owner", Thread.class);
            OWNER_STATE = lookup.findVarHandle(LaneState.class, "ownerState", long.class);
            STOP = lookup.findVarHandle(Lane.class, "stop", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // padding: see LanePadding
    private long q01, q02, q03, q04, q05, q06, q07, q08;

    /** Watchdog-private: the BUSY state seen at the last tick, and since when. */
    long watchedState = -1;
    long watchedSince;

    /** Cooperative pools: the BUSY word of the call the watchdog asks to stop (release store), or -1. */
    @SuppressWarnings("FieldMayBeFinal")
    private long stop = -1;

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

    // ------------------------------------------------------------ shared lanes

    /** Takes the lane if it is idle and bound to no thread. */
    boolean tryAcquire() {
        long s = state;
        if ((s & (PHASE | BOUND)) != IDLE) {
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

    // ------------------------------------------------------------ cooperative pools

    /**
     * The bound thread enters its lane: no CAS, one release store (a plain store on x86). Call only
     * on the thread the lane was just bound to; {@link #tryEnter} checks that itself.
     */
    void enter() {
        enter((long) STATE.get(this));
    }

    /**
     * Enters this lane if it is bound to {@code me} and idle, reading the state word once (its
     * bound thread is its only writer then, so a plain read sees its own last store).
     */
    boolean tryEnter(Thread me) {
        if (owner != me) {
            return false;
        }
        long s = (long) STATE.get(this);
        if ((s & (PHASE | BOUND)) != BOUND) {
            return false;
        }
        enter(s);
        return true;
    }

    private void enter(long idle) {
        long busy = idle + NEXT | BUSY;
        held = busy;
        STATE.setRelease(this, busy);
    }

    /**
     * Takes an idle, unbound lane in a cooperative pool: a CAS to TAKING, then {@link #owner}, then
     * the BUSY word with a release store, so that whoever reads the BUSY word (acquire) reads this
     * thread as its owner; the stop check relies on it.
     */
    boolean tryTake() {
        long s = state;
        if ((s & (PHASE | BOUND)) != IDLE) {
            return false;
        }
        long taking = s + NEXT | TAKING;
        if (!STATE.compareAndSet(this, s, taking)) {
            return false;
        }
        OWNER.set(this, Thread.currentThread());
        long busy = taking & ~PHASE | BUSY;
        held = busy;
        STATE.setRelease(this, busy);
        return true;
    }

    /** Leaves the call (bound or shared) in a cooperative pool: a release store, no CAS. */
    void leave() {
        STATE.setRelease(this, held & ~PHASE);
    }

    /**
     * Binds this idle, unbound lane to the current thread; false if it is not free. The thread
     * writes {@link #owner} here, before any BUSY word it writes later.
     */
    boolean tryBind() {
        long s = state;
        if ((s & (PHASE | BOUND)) != IDLE || !STATE.compareAndSet(this, s, s + NEXT | BOUND)) {
            return false;
        }
        OWNER.setRelease(this, Thread.currentThread());
        return true;
    }

    /**
     * Unbinds a lane whose thread ended, or that the current thread bound but could not publish,
     * dropping an instance a call may have left halfway. False if another thread unbound it first.
     */
    boolean tryUnbind() {
        long s = state;
        if ((s & BOUND) == 0 || !STATE.compareAndSet(this, s, (s + NEXT) & ~(PHASE | BOUND))) {
            return false;
        }
        if ((s & PHASE) != IDLE) {
            guest = null; // its thread ended inside a call
        }
        return true;
    }

    /** For messages only (a snapshot, at once stale): whether a thread has bound the lane. */
    boolean bound() {
        return ((long) STATE.getAcquire(this) & BOUND) != 0;
    }

    /** For messages only (a snapshot): whether a call holds the lane. */
    boolean busy() {
        return ((long) STATE.getAcquire(this) & PHASE) != IDLE;
    }

    /** For messages only (a snapshot): whether the lane is bound to a thread other than the current one. */
    boolean boundToOther() {
        return bound() && OWNER.getAcquire(this) != Thread.currentThread();
    }

    /** Watchdog: asks the call holding state word {@code busy} to stop at its next check. */
    void requestStop(long busy) {
        STOP.setRelease(this, busy);
    }

    /** Watchdog: whether a stop it asked for is still waiting for its call (the call has not left). */
    boolean stopPending(long s) {
        return (long) STOP.getOpaque(this) == s;
    }

    /**
     * The calling thread's stop check, for this lane: whether the current thread holds the lane
     * in a call the watchdog asked to stop. Only a holder can find its own state word here (see
     * the class comment), so a stale request or another thread's lane never matches.
     */
    boolean stopRequestedForCurrentThread() {
        long s = (long) STATE.getAcquire(this);
        // the owner read after the BUSY word is that word's writer: owner was written before it (see tryTake, tryBind)
        return (s & PHASE) == BUSY && OWNER.get(this) == Thread.currentThread() && (long) STOP.getAcquire(this) == s;
    }

    /** Holder only: whether the watchdog asked the call it is in to stop. */
    boolean stopRequested() {
        return (long) STOP.getAcquire(this) == held;
    }

    // ------------------------------------------------------------ interrupting pools

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
