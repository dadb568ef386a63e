package dev.graft.polyglot;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;

/**
 * A script's top level running in a new context, under its own deadline
 * ({@code PolyglotSettings.topLevelTimeout}): the {@link Watchdog}
 * interrupts one that runs past it (an endless loop at the top level would otherwise hang the
 * load or reload), and the evaluation fails as a failed start.
 *
 * <p>The same handshake as a call's ({@link GuestContext}): the watchdog interrupts only after it
 * moved {@link #state} from {@code RUNNING} to {@code INTERRUPTING}; {@link #finish} moves it from
 * {@code RUNNING} to {@code DONE} or, when the watchdog won, waits until the interrupt is over, so
 * the interrupt can never reach a call made in the context afterwards.
 */
final class Evaluation {

    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int DONE = 2;

    private final Context context;
    private final long start = System.nanoTime();
    private final long timeoutNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Evaluation(Context context, Duration timeout) {
        this.context = context;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts watching the evaluation about to run in {@code context}. */
    static Evaluation start(Context context, Duration timeout) {
        Evaluation evaluation = new Evaluation(context, timeout);
        Watchdog.watch(evaluation);
        return evaluation;
    }

    /** Ends the watch; returns whether the watchdog interrupted the evaluation. */
    boolean finish() {
        if (state.compareAndSet(RUNNING, DONE)) {
            return false;
        }
        while (state.get() == INTERRUPTING) {
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** Whether the watchdog can forget it. */
    boolean finished() {
        return state.get() == DONE;
    }

    /** For the watchdog: interrupts the evaluation if it ran past the deadline. */
    void interruptIfOverdue(long now) {
        if (now - start > timeoutNanos && state.compareAndSet(RUNNING, INTERRUPTING)) {
            try {
                context.interrupt(Duration.ofSeconds(1));
            } catch (TimeoutException | RuntimeException e) {
                // not stopped within a second, or closed: the context is closed by the failed evaluation anyway
            } finally {
                state.set(DONE);
            }
        }
    }
}
