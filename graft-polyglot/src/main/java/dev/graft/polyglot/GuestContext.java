package dev.graft.polyglot;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * One evaluated context of a plugin version and its bound functions; used by one call at a time
 * ({@link ContextPool} hands it out), which is what a JavaScript context requires.
 *
 * <p>The deadline handshake with the {@link Watchdog}: {@link #phase} is {@link #IDLE} between
 * calls and the call's number (the context's count of calls, never repeated) during one. The
 * watchdog times a call from the first time it sees its number, so a call reads no clock; it may
 * interrupt only after it moved the phase from that number to {@link #INTERRUPTING} (a CAS), and
 * sets {@link #INTERRUPTED} once {@code Context.interrupt} returned. A call ends by moving the
 * phase from its number back to {@code IDLE}; if that CAS fails the watchdog has claimed this
 * call, and the call waits until the interrupt is over before the context is given back. Why this
 * is sound: the interrupt can only hit the call it was meant for, never the next call in the same
 * context, since no next call can start before the phase is {@code IDLE} again, and the watchdog
 * claims only a phase equal to the number it timed, which no later call repeats. A call is never
 * stopped before its deadline: it was already running when the watchdog first saw it.
 *
 * <p>Public only for the generated providers ({@link ProviderGenerator}), which call
 * {@link #execute}; hosts have no use for it.
 */
public final class GuestContext {

    static final long IDLE = -1;
    static final long INTERRUPTING = -2;
    static final long INTERRUPTED = -3;

    private final Context context;
    private final Value[] functions;
    private final AtomicLong phase = new AtomicLong(IDLE);
    /** Set when a call left the context in a state not to reuse (an internal error, a cancelled context). */
    private volatile boolean broken;
    /** Its slot in the pool, for life: set by the thread that made it, before the pool publishes it. */
    int slot;
    /** Calls made in it; only its current call touches it (the pool hands the context over with a CAS). */
    private long calls;
    /** The watchdog's own: the call number it last saw here, and when it first saw it. */
    private long seenCall = IDLE;
    private long seenAt;

    GuestContext(Context context, Value[] functions) {
        this.context = context;
        this.functions = functions;
    }

    /** Starts a call in it (its holder only): from now on the watchdog times it; see the class comment. */
    void begin() {
        phase.setRelease(++calls); // the watchdog may see it a tick late, and times it from then
    }

    /**
     * Calls contract method {@code index}'s guest function with {@code args} (their guest forms),
     * between {@link #begin} and {@link #end}. Public only for the generated providers.
     */
    public Value execute(int index, Object[] args) {
        return functions[index].execute(args);
    }

    /**
     * Ends the call begun last (its holder only): false when the watchdog claimed it first, and
     * then only once its interrupt is over, so that the interrupt cannot reach a later call.
     */
    boolean end() {
        if (phase.compareAndSet(calls, IDLE)) {
            return true;
        }
        awaitInterrupt();
        return false;
    }

    /** The watchdog claimed this call: wait until its interrupt is over, then free the phase. */
    private void awaitInterrupt() {
        while (phase.get() == INTERRUPTING) {
            LockSupport.parkNanos(100_000);
        }
        phase.set(IDLE);
    }

    /**
     * For the watchdog (its thread only): interrupts the call in it if the watchdog has seen it
     * running for {@code timeoutNanos} or more; see the class comment.
     */
    void interruptIfOverdue(long now, long timeoutNanos) {
        long call = phase.get();
        if (call < 0) {
            return;
        }
        if (call != seenCall) {
            seenCall = call;
            seenAt = now;
            return;
        }
        if (now - seenAt >= timeoutNanos && phase.compareAndSet(call, INTERRUPTING)) {
            try {
                context.interrupt(Duration.ofSeconds(1));
            } catch (TimeoutException | RuntimeException e) {
                broken = true; // it did not stop within a second, or the context is going: not reused
            } finally {
                phase.set(INTERRUPTED);
            }
        }
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
