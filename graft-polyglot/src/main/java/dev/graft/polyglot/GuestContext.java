package dev.graft.polyglot;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One evaluated context of a plugin version and its bound functions; used by one call at a time
 * ({@link ContextPool} hands it out), which is what a JavaScript context requires.
 *
 * <p>The deadline handshake with the {@link Watchdog}: {@link #phase} is {@link #IDLE} between
 * calls and the call's start time during one. The watchdog may interrupt only after it moved the
 * phase from that start time to {@link #INTERRUPTING} (a CAS), and sets {@link #INTERRUPTED} once
 * {@code Context.interrupt} returned. A call ends by moving the phase from its start time back to
 * {@code IDLE}; if that CAS fails the watchdog has claimed this call, and the call waits until the
 * interrupt is over before the context is given back. Why this is sound: the interrupt can only
 * hit the call it was meant for, never the next call in the same context, since no next call can
 * start before the phase is {@code IDLE} again, and the watchdog claims only a phase equal to the
 * start time it read.
 */
final class GuestContext {

    static final long IDLE = Long.MIN_VALUE;
    static final long INTERRUPTING = Long.MIN_VALUE + 1;
    static final long INTERRUPTED = Long.MIN_VALUE + 2;

    private final GuestProgram program;
    private final Context context;
    private final Value[] functions;
    private final AtomicLong phase = new AtomicLong(IDLE);
    /** Set when a call left the context in a state not to reuse (an internal error, a cancelled context). */
    private volatile boolean broken;

    GuestContext(GuestProgram program, Context context, Value[] functions) {
        this.program = program;
        this.context = context;
        this.functions = functions;
    }

    /**
     * Calls contract method {@code index}'s guest function with {@code args} (Java values, replaced
     * in place by their guest forms) and returns the Java value of its result.
     */
    Object call(int index, Object[] args) {
        FunctionBinding binding = program.functions[index];
        GuestType[] params = binding.params();
        for (int i = 0; i < args.length; i++) {
            args[i] = params[i].toGuest(args[i]);
        }
        long start = System.nanoTime();
        if (start <= INTERRUPTED) {
            start = INTERRUPTED + 1; // the markers are never a start time
        }
        phase.setRelease(start); // the watchdog may see it a tick late; a stale read only fails its CAS
        Object result = null;
        RuntimeException failure = null;
        try {
            result = binding.result().toJava(functions[index].execute(args));
        } catch (PolyglotException e) {
            failure = e;
        } catch (GuestType.Mismatch e) {
            failure = new GuestCallException(program.pluginId, program.versionLabel, binding.name(),
                    "returned a value " + binding.expected() + " cannot hold: " + e.getMessage(), null);
        }
        boolean stopped = !phase.compareAndSet(start, IDLE);
        if (stopped) {
            awaitInterrupt();
        }
        if (failure instanceof PolyglotException e) {
            throw GuestFailure.of(e, stopped, program, binding, this);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** The watchdog claimed this call: wait until its interrupt is over, then free the phase. */
    private void awaitInterrupt() {
        while (phase.get() == INTERRUPTING) {
            LockSupport.parkNanos(100_000);
        }
        phase.set(IDLE);
    }

    /**
     * For the watchdog: interrupts the call running since before {@code overdueBefore}, if one
     * is; see the class comment.
     */
    void interruptIfOverdue(long now, long timeoutNanos) {
        long started = phase.get();
        if (started > INTERRUPTED && now - started > timeoutNanos && phase.compareAndSet(started, INTERRUPTING)) {
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
