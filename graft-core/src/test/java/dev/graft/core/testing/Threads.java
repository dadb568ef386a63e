package dev.graft.core.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Threads for tests that race or block on purpose, and bounded waits for where they are. */
public final class Threads {

    /** How long any wait in a test may take before the test fails: generous, never reached when all is well. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Threads() {
    }

    /** A thread running one task, and its result. */
    public record Running<T>(Thread thread, FutureTask<T> task) {

        /** The task's result, waiting at most {@link #TIMEOUT}; what it threw is rethrown as it was. */
        public T result() throws Exception {
            try {
                return task.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw (Error) e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " did not finish within " + TIMEOUT.toSeconds() + " s; it is at "
                        + Arrays.toString(thread.getStackTrace()), e);
            }
        }
    }

    /** Starts a platform thread running {@code work}. */
    public static <T> Running<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = Thread.ofPlatform().name(name).daemon().start(task);
        return new Running<>(thread, task);
    }

    /**
     * Waits (bounded) until {@code thread} runs inside method {@code method} of class {@code owner},
     * for example a reload parked at the quiesce point in {@code CallTracker.awaitDrained}.
     */
    public static void awaitInside(Thread thread, Class<?> owner, String method) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (Arrays.stream(thread.getStackTrace())
                .noneMatch(f -> f.getClassName().equals(owner.getName()) && f.getMethodName().equals(method))) {
            if (!thread.isAlive()) {
                throw new AssertionError(thread.getName() + " ended before it reached " + owner.getSimpleName() + "." + method);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + thread.getName() + " inside " + owner.getSimpleName() + "." + method
                        + " within " + TIMEOUT.toSeconds() + " s, found it at " + Arrays.toString(thread.getStackTrace()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
