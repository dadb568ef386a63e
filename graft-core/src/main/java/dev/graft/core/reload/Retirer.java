package dev.graft.core.reload;

import dev.graft.core.GraftException;
import dev.graft.core.PluginException;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Step 5 of a reload: stops old versions and releases their resources, on a thread of its own so
 * that {@code reload} never waits for callers (the hotpatch lesson). A version whose calls are
 * counted is stopped only once none is in flight in it; others are stopped at once, and the GC
 * collects their class loaders or instances when the last call in them returns. Last, every
 * handle of the version is released: a guest that forgot its owned handles leaks none of them.
 */
final class Retirer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retirer.class.getName());
    private static final long WARN_EVERY_SECONDS = 10;
    /** How long closing waits for retirements in progress. */
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(1);

    // one virtual thread per retirement: a version whose calls take long to drain holds back
    // no other version's retirement
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("graft-retire-", 0).factory());
    private final ArtifactStore store;
    private final Events events;

    Retirer(ArtifactStore store, Events events) {
        this.store = store;
        this.events = events;
    }

    /** Retires a version that is no longer published. Its tracker, if any, must be closed already. */
    void retire(PluginVersion old) {
        executor.execute(() -> events.publish(List.of(retireNow(old))));
    }

    /** Stops and releases a version on this thread: after publication of its successor, or on rollback. */
    GraftEvent retireNow(PluginVersion old) {
        long start = System.nanoTime();
        if (old.tracker() != null) {
            try {
                while (!old.tracker().awaitDrained(WARN_EVERY_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "{0}: {1} call(s) still in flight after {2} s; waiting to stop it",
                            old.label(), old.tracker().inFlight(), (System.nanoTime() - start) / 1_000_000_000L);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(old, "retire", "interrupted while waiting for calls in flight to drain", e);
            }
        }
        Duration drained = old.tracker() == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        GraftEvent outcome = new GraftEvent.Retired(old.id(), old.manifest().version(), old.label(), drained);
        if (old.started().get()) { // a version rolled back before its state was handed over never started
            try {
                old.prepared().stop();
            } catch (Exception | LinkageError e) {
                outcome = failed(old, "stop", "stop threw " + e, e);
            }
        }
        try {
            old.prepared().close();
        } catch (RuntimeException e) {
            outcome = failed(old, "close", "releasing resources threw " + e, e);
        }
        // after close: the loader may still have resolved handles while it shut its guest down
        old.handles().retire();
        store.delete(old.artifact());
        return outcome;
    }

    private static GraftEvent failed(PluginVersion old, String step, String message, Throwable cause) {
        GraftException error = new PluginException(old.id(), old.artifact().source(), old.label() + ": " + message, cause);
        LOG.log(Level.WARNING, error.getMessage(), cause);
        return new GraftEvent.Failed(old.id(), old.artifact().source(), "retire (" + step + ")", error);
    }

    /**
     * Waits for every retirement already asked for, up to one minute. An interrupt does not cut
     * the wait short (it is kept, and set again on return): a host closing the runtime from an
     * interrupted thread, as a Ctrl-C handler or a cancelled task does, still gets every version
     * stopped, closed and its copy deleted before the runtime deletes its folder (G3).
     */
    @Override
    public void close() {
        executor.shutdown();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        LOG.log(Level.WARNING, "retirements still running after " + CLOSE_WAIT.toSeconds() + " s; leaving them");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
