package dev.graft.core.reload;

import dev.graft.core.GraftException;
import dev.graft.core.GraftLoggers;
import dev.graft.core.PluginException;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import java.lang.System.Logger.Level;
import dev.graft.core.spi.PreparedPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Step 5 of a reload: stops old versions and releases their resources, on a thread of its own so
 * that {@code reload} never waits for callers (the hotpatch lesson). A version is stopped only
 * once no call can be in flight in it, proven one of three ways:
 *
 * <ul>
 *   <li>its calls are counted (its loader asks to drain, or it has state): once the count drains;</li>
 *   <li>its loader proves it through the garbage collector ({@link PreparedPlugin#retireWhenUnreachable}:
 *       native libraries): once the collector finds its implementations unreachable, which a call
 *       in flight prevents. Until then it <em>awaits collection</em>, and {@link CollectionRequests}
 *       asks the JVM for collections; {@link #close} asks too, for ten seconds;</li>
 *   <li>otherwise (JVM class loaders, wasm instances) it needs no proof: it is stopped at once,
 *       and the collector takes its class loader or instances when the last call in them returns.</li>
 * </ul>
 * Last, every handle of the version is released: a guest that forgot its owned handles leaks none.
 */
final class Retirer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GraftLoggers.RETIRE);
    private static final long WARN_EVERY_SECONDS = 10;
    /** How long closing waits for retirements in progress. */
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(1);
    /** How long closing asks the collector for proof that versions awaiting it are unreachable. */
    private static final Duration CLOSE_COLLECT_WAIT = Duration.ofSeconds(10);

    // one virtual thread per retirement: a version whose calls take long to drain holds back
    // no other version's retirement
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("graft-retire-", 0).factory());
    private final ArtifactStore store;
    private final Events events;
    // versions awaiting the collector's proof: written by retire and by whichever thread the
    // loader reports on, read by close
    private final CollectionRequests awaiting;
    // versions handed to retire and not retired yet, for stats: the copy without implementations
    // for those awaiting the collector (holding the original would keep them reachable)
    private final Set<PluginVersion> retiring = ConcurrentHashMap.newKeySet();
    /** Held by {@link #close} and a collector's proof while they decide who retires a version. */
    private final Object closing = new Object();

    /**
     * @param collectAfter how long a version may await collection before Graft asks the JVM for one
     */
    Retirer(ArtifactStore store, Events events, Duration collectAfter) {
        this.store = store;
        this.events = events;
        this.awaiting = new CollectionRequests(collectAfter);
    }

    /** Retires a version that is no longer published. Its tracker, if any, must be closed already. */
    void retire(PluginVersion old) {
        if (old.tracker() == null) {
            // from here on only this copy, without the implementations, is kept: they must become
            // unreachable for the loader's proof to come
            PluginVersion released = old.withoutTargets();
            long since = System.nanoTime();
            retiring.add(released);
            awaiting.add(released, since); // before the loader may report it collected
            if (released.prepared().retireWhenUnreachable(() -> collected(released, since))) {
                awaiting.request();
                return;
            }
            awaiting.remove(released);
            retiring.remove(released);
        }
        retiring.add(old);
        executor.execute(() -> events.publish(List.of(retireCounted(old, drain(old)))));
    }

    /** The versions of a plugin handed to {@link #retire} and not retired yet. */
    List<PluginVersion> retiring(String pluginId) {
        return retiring.stream().filter(v -> v.id().equals(pluginId)).toList();
    }

    /** Stops and releases a version on this thread at once: it was never published (a rolled-back reload). */
    GraftEvent retireNow(PluginVersion old) {
        return retireNow(old, Duration.ZERO);
    }

    /** Waits until no counted call is in flight; how long that took (zero for uncounted versions), or null if interrupted. */
    private static Duration drain(PluginVersion old) {
        if (old.tracker() == null) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        try {
            while (!old.tracker().awaitDrained(WARN_EVERY_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "{0}: {1} call(s) still in flight after {2} s; waiting to stop it",
                        old.label(), old.tracker().inFlight(), (System.nanoTime() - start) / 1_000_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The loader's report that {@code version} is unreachable: retire it on a thread of the
     * retirer's. Why this is sound against {@link #close}: both decide under {@link #closing}, so
     * a proof that comes while close is giving up either hands its retirement to the executor
     * before close shuts it down (and close waits for it), or finds that close took the version
     * out of {@link #awaiting} and reported it left.
     */
    private void collected(PluginVersion version, long since) {
        Duration waited = Duration.ofNanos(System.nanoTime() - since);
        synchronized (closing) {
            if (!awaiting.remove(version)) {
                return; // close gave up on it and said so; the runtime's folder is gone
            }
            try {
                executor.execute(() -> events.publish(List.of(retireCounted(version, waited))));
            } catch (RejectedExecutionException e) {
                retiring.remove(version);
                LOG.log(Level.WARNING, "{0}: unreachable only after the runtime closed; leaving it", version.label());
            }
        }
    }

    /** {@link #retireNow} for a version {@link #retire} counted as retiring: it is not, afterwards. */
    private GraftEvent retireCounted(PluginVersion old, Duration waited) {
        try {
            return retireNow(old, waited);
        } finally {
            retiring.remove(old);
        }
    }

    /** Stops and releases a version on this thread, once no call can be in flight in it. */
    private GraftEvent retireNow(PluginVersion old, Duration waited) {
        if (waited == null) {
            return failed(old, "retire", "interrupted while waiting for calls in flight to drain", null);
        }
        GraftEvent outcome = new GraftEvent.Retired(old.id(), old.manifest().version(), old.label(), waited);
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
     * Waits for every retirement already asked for: versions awaiting collection up to ten
     * seconds (asking the JVM for collections meanwhile; one still reachable then, because a
     * thread is parked in a call in it, is left as it is, with a warning: a leak, never a crash),
     * then the retirements running, up to one minute. An interrupt does not cut the wait short (it
     * is kept, and set again on return): a host closing the runtime from an interrupted thread, as
     * a Ctrl-C handler or a cancelled task does, still gets every version stopped, closed and its
     * copy deleted before the runtime deletes its folder (G3).
     */
    @Override
    public void close() {
        boolean interrupted = false;
        awaiting.close();
        long collectDeadline = System.nanoTime() + CLOSE_COLLECT_WAIT.toNanos();
        while (!awaiting.isEmpty() && System.nanoTime() < collectDeadline) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<GraftEvent> left = new ArrayList<>();
        synchronized (closing) { // see collected
            for (PluginVersion version : awaiting.waiting()) {
                awaiting.remove(version);
                retiring.remove(version);
                left.add(failed(version, "collect", "still reachable " + CLOSE_COLLECT_WAIT.toSeconds() + " s after the runtime "
                        + "began to close (a thread still in a call in it" + (ClassUnloading.off() ? ", or class unloading is off: "
                        + "-Xnoclassgc or -XX:-ClassUnloading" : "") + "); left as it is, its library mapped: a leak, never a crash", null));
            }
        }
        events.publish(left);
        executor.shutdown();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
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
