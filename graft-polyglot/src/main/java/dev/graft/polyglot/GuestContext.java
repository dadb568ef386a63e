package dev.graft.polyglot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * One evaluated context of a plugin version and its bound functions; used by one call at a time
 * ({@link ContextPool} hands it out, or binds it to one platform thread), which is what a
 * JavaScript context requires.
 *
 * <p>The deadline handshake with the {@link Watchdog}, which costs a call one volatile store and
 * one volatile load when it starts, and a release store (a plain store on x86 and ARM's
 * {@code stlr}: no fence) when it ends: {@link #phase} holds the number of the call running
 * ({@code j > 0}), or minus the number of the call run last ({@code -j}; 0 before the first), and
 * is written only by the context's holder. The watchdog times a call from the first time it sees
 * its number, so a call reads no clock (a call that had to wait for the context publishes when its
 * wait began, {@link #waited}, and is timed from there, though it runs at least 100 ms). To stop
 * call {@code j} it writes {@link #claim} = {@code 4j + r} (its {@code r}-th interrupt of that
 * call, {@code r < 3}: see below), reads {@code phase} again, calls {@code Context.interrupt} only
 * if that still says {@code j}, and then writes {@link #done} = {@code 4j + r}. {@link #begin} of
 * the next call writes {@code phase} = {@code j + 1}, then reads {@code claim}; if that is ahead of
 * {@code done}, it waits until {@code done} catches up, then starts again under a new number.
 *
 * <p>Why this is sound (an interrupt meant for call {@code j} never reaches a later call in the
 * same context): the watchdog's write of {@code claim} and read of {@code phase}, and the caller's
 * write of {@code phase} and read of {@code claim}, are volatile, so they fall in one total order
 * that agrees with each thread's program order. If the watchdog's second read of {@code phase} saw
 * {@code j} (or {@code -j}, still in the ending call's store buffer), it came before the next
 * call's write of {@code j + 1}; its write of {@code claim} came before that read, and the caller's
 * read of {@code claim} after its own write; so the caller reads a {@code claim} ahead of
 * {@code done} and waits until the interrupt is over. If that read saw {@code j + 1}, the watchdog
 * does not interrupt. With a release store for either write both reads could miss the other's
 * write (Dekker's problem, which needs the full fence a volatile store gives);
 * {@code G5ScriptInterruptHitsOnlyItsCallTest} races a watchdog with a deadline of zero against
 * four callers. A call is never stopped before its deadline: it was already running (or waiting)
 * when the watchdog first saw its number. An interrupt reaches a call only inside the guest, so one
 * sent while the call was still between {@link #begin} and {@code Value.execute} (its thread
 * descheduled there for a whole deadline) is lost: the watchdog interrupts a call that is still
 * running a deadline after its last interrupt again, up to three times in all, each under a claim
 * of its own, higher than the last; not a call whose interrupt did not return within its second
 * (one deaf to interrupts: it would hold the watchdog a second each time). The fence at the start
 * measured faster than a compare-and-set at the end (BENCHMARKS.md, "Where the rest goes"); in a
 * loop of calls it still waits for the stores of the call before, which is most of what Graft adds
 * to a call now ("Bound contexts" there).
 *
 * <p>Closing a context bound to a thread ({@link #closeIfIdle}) is the same handshake with the
 * pool's closer in the watchdog's place: it claims {@code 4j + 3} for the call {@code j} that
 * ended last (above every deadline claim so far, below every later one: claims only grow, which
 * the caller's "ahead of {@code done}" test needs), reads {@code phase} again, and closes the
 * context only if that still says {@code -j}; it then marks it {@link #closed} and never writes
 * {@code done}, so a call that began in it after all waits in {@link #begin}, sees it closed, and
 * is served by another context. If the read saw a new call, the closer writes {@code done} and
 * tries again at the watchdog's next look.
 *
 * <p>Public only for the generated providers ({@link ProviderGenerator}), which call
 * {@link #execute}; hosts have no use for it.
 */
public final class GuestContext {

    // fields of this object rather than AtomicLongs: a call reads them with one load each, not two dependent ones
    private static final VarHandle PHASE;
    private static final VarHandle CLAIM;
    private static final VarHandle DONE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PHASE = lookup.findVarHandle(GuestContext.class, "phase", long.class);
            CLAIM = lookup.findVarHandle(GuestContext.class, "claim", long.class);
            DONE = lookup.findVarHandle(GuestContext.class, "done", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The least a call that waited for its context runs before the deadline may stop it: see {@link #interruptIfOverdue}. */
    static final long MIN_RUN_NANOS = 100_000_000L;
    /** The most interrupts the watchdog sends one call: the first, and two more if one was lost (see the class comment). */
    private static final int MAX_INTERRUPTS = 3;

    private final Context context;
    private final Value[] functions;
    /** {@code j} while call {@code j} runs, {@code -j} once it ended; 0 before the first. Written by the holder. */
    @SuppressWarnings("unused") // through PHASE
    private long phase;
    /**
     * {@code 4j + r} while the watchdog stops call {@code j} (the {@code r}-th time), {@code 4j + 3}
     * while the pool closes the context after it; only grows.
     */
    @SuppressWarnings("unused") // through CLAIM
    private long claim;
    /** The claim the watchdog or closer is done with: its interrupt returned, or it chose not to act. */
    @SuppressWarnings("unused") // through DONE
    private long done;
    /** Set when a call left the context in a state not to reuse (an internal error, a cancelled context). */
    private volatile boolean broken;
    /** Set, under this object's lock, once {@link #closeIfIdle} closed it. */
    private volatile boolean closed;
    /** Its slot in the pool, for life: set by the thread that made it, before the pool publishes it. */
    int slot;
    /**
     * The platform thread it is bound to, or null while the pool shares it. Set by that thread
     * (holding it) before the pool publishes the binding; cleared, under this object's lock, only
     * once that thread has ended ({@link #unbindIfOwnerEnded}).
     */
    Thread owner;
    /** Whether its owner is in a call in it: a nested call on the same thread takes another context. Owner only. */
    boolean inCall;
    /** Calls made in it; only its holder touches it (the pool hands the context over with a CAS or a binding). */
    private long calls;
    /**
     * Slow path only: a call that waited for this context publishes when it began waiting
     * ({@link #waitStart}, then {@link #waitedCall}, its number), so that the watchdog counts the
     * call's deadline from the start of its wait: one deadline bounds wait and run together.
     */
    private long waitStart;
    private long waitNanos;
    private volatile long waitedCall;
    /**
     * The watchdog's own, under this object's lock: the call it last saw here and when it first saw
     * it; the last call it interrupted, how many times, and when last.
     */
    private long seenCall;
    private long seenAt;
    private long dealtWith;
    private int attempts;
    private long dealtAt;

    GuestContext(Context context, Value[] functions) {
        this.context = context;
        this.functions = functions;
    }

    /**
     * Starts a call in it (its holder only): from now on the watchdog times it. If the watchdog is
     * stopping an earlier call here, waits until that is over; see the class comment. False only
     * for a context bound to a thread, when the pool closed it before this call could begin: the
     * call must take another.
     */
    boolean begin() {
        PHASE.setVolatile(this, ++calls);
        return !claimed() || beginAfterClaim();
    }

    /**
     * The watchdog is stopping an earlier call here, or the pool closing the context: waits until
     * that is over, then starts the call again under a new number, which the watchdog times afresh
     * (it may have claimed, and dealt with, the number the call had while it waited).
     */
    private boolean beginAfterClaim() {
        do {
            while (claimed()) {
                if (closed) {
                    return false;
                }
                LockSupport.parkNanos(100_000);
            }
            PHASE.setVolatile(this, ++calls);
        } while (claimed());
        return true;
    }

    /** Whether a claim is under way: claims only grow, so one ahead of the last done is. */
    private boolean claimed() {
        return (long) CLAIM.getVolatile(this) > (long) DONE.getVolatile(this);
    }

    /**
     * Its holder only, after {@link #begin}, for a call that waited {@code nanos} for the context:
     * the deadline counts from the start of that wait.
     */
    void waited(long nanos) {
        waitStart = System.nanoTime() - nanos;
        waitNanos = nanos;
        waitedCall = calls;
    }

    /** Its holder only: how long the call begun last waited for the context, in ms, or -1 if it took it at once. */
    long waitedMillis() {
        return waitedCall == calls ? waitNanos / 1_000_000 : -1;
    }

    /** Ends the call begun last (its holder only): the watchdog no longer times it, and a closer may close the context. */
    void end() {
        PHASE.setRelease(this, -calls);
    }

    /**
     * Calls contract method {@code index}'s guest function with {@code args} (their guest forms),
     * after {@link #begin}. Public only for the generated providers.
     */
    public Value execute(int index, Object[] args) {
        return functions[index].execute(args);
    }

    /** Whether a call runs in it now (any thread; a snapshot, for stats). */
    boolean running() {
        return (long) PHASE.getVolatile(this) > 0;
    }

    /** Whether the watchdog stopped the call begun last (its holder only, once that call failed, before {@link #end}). */
    boolean stoppedByDeadline() {
        long claimed = (long) CLAIM.getVolatile(this);
        return claimed >> 2 == calls && (claimed & 3) != 3;
    }

    /** Whether {@link #closeIfIdle} closed it. */
    boolean isClosed() {
        return closed;
    }

    /**
     * For the watchdog: interrupts the call in it if the watchdog has seen it running for
     * {@code timeoutNanos} or more; see the class comment. Synchronized, so that watchdogs (one,
     * and in tests a second) and the pool's closer take turns: a claim is done only once its own
     * interrupt is over.
     */
    synchronized void interruptIfOverdue(long now, long timeoutNanos) {
        long call = (long) PHASE.getVolatile(this);
        if (call <= 0 || closed) {
            return;
        }
        int attempt = call == dealtWith ? attempts : 0;
        if (attempt > 0 && (attempt == MAX_INTERRUPTS || broken)) {
            return; // stopped, or deaf to interrupts: not tried again
        }
        if (call != seenCall) {
            seenCall = call;
            seenAt = now;
        }
        if (attempt == 0) {
            // A call that waited for the context is timed from the start of its wait. A later call's waitStart read
            // here by mistake belongs to a call that began after this one ended, so the phase read below no longer
            // says call and nothing is interrupted. But it runs for at least MIN_RUN after the first look that saw
            // it, so that the interrupt finds it inside the guest.
            long start = waitedCall == call ? Math.min(seenAt, waitStart) : seenAt;
            if (now - start < timeoutNanos || now - seenAt < Math.min(timeoutNanos, MIN_RUN_NANOS)) {
                return;
            }
        } else if (now - dealtAt < Math.max(timeoutNanos, MIN_RUN_NANOS)) {
            return; // interrupted already: again only if still running a deadline later (the interrupt was lost)
        }
        long claim = 4 * call + attempt;
        CLAIM.setVolatile(this, claim);
        try {
            if ((long) PHASE.getVolatile(this) == call) {
                context.interrupt(Duration.ofSeconds(1));
            }
        } catch (TimeoutException | RuntimeException e) {
            broken = true; // it did not stop within a second, or the context is going: not reused
        } finally {
            dealtWith = call;
            attempts = attempt + 1;
            dealtAt = now;
            DONE.setVolatile(this, claim);
        }
    }

    /**
     * For the pool: closes a context bound to a thread if no call is in it, so that a call that
     * begins in it later is turned away by {@link #begin}; see the class comment. True once it is
     * closed (now or before); false if a call is in it, or it is no longer bound.
     */
    synchronized boolean closeIfIdle() {
        if (closed) {
            return true;
        }
        long ended = (long) PHASE.getVolatile(this);
        if (owner == null || ended > 0) {
            return false;
        }
        long mark = -4 * ended + 3;
        CLAIM.setVolatile(this, mark);
        if ((long) PHASE.getVolatile(this) != ended) {
            DONE.setVolatile(this, mark); // a call began: it runs, and the closer tries again after it
            return false;
        }
        closed = true;
        close();
        return true;
    }

    /**
     * For the pool, when it is short of contexts: shares a context bound to a thread that has
     * ended. Why this is sound: the thread's end synchronizes-with {@link Thread#isAlive} returning
     * false (JLS 17.4.4), so its last use of the context happens-before the next holder's.
     */
    synchronized boolean unbindIfOwnerEnded() {
        if (closed || owner == null || owner.isAlive()) {
            return false;
        }
        owner = null;
        inCall = false;
        return true;
    }

    /** Marks the context as not to be reused. */
    void markBroken() {
        broken = true;
    }

    /** Whether it must be closed rather than reused. Read by the thread that just called in it. */
    boolean broken() {
        return broken;
    }

    /** The polyglot context, for tests watching it being collected. */
    Context context() {
        return context;
    }

    /** Closes it; cancels a call still running in it. */
    void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // closing a context whose engine is gone, or twice: nothing is left to release
        }
    }
}
