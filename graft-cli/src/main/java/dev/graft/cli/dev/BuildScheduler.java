package dev.graft.cli.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Turns file events into builds, one per burst and folder: a folder's build starts once no event
 * for it came for the quiet period; events that come while its build runs are gathered and give
 * exactly one more build when it ends (after a quiet period again), however many they were.
 * Builds of different folders may run at once; never two of one folder.
 */
final class BuildScheduler implements AutoCloseable {

    /** One build of a folder, for the changes of one burst. */
    interface Build {
        void run(Path folder, Set<Path> changes, long waitNanos);
    }

    /** A folder's events not built yet, and whether its build runs. Guarded by the scheduler. */
    private static final class Folder {
        final Set<Path> pending = new LinkedHashSet<>();
        long firstEventNanos;
        long lastEventNanos;
        ScheduledFuture<?> timer;
        boolean running;
    }

    private final long quietNanos;
    private final Build build;
    private final ScheduledExecutorService timers;
    private final ExecutorService builds;
    private final Map<Path, Folder> folders = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    BuildScheduler(Duration quietPeriod, Build build) {
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("expected a quiet period of zero or more, found " + quietPeriod);
        }
        this.quietNanos = quietPeriod.toNanos();
        this.build = build;
        this.timers = Executors.newSingleThreadScheduledExecutor(daemons("graft-dev-timer"));
        this.builds = Executors.newCachedThreadPool(daemons("graft-dev-build"));
    }

    /**
     * {@code file} of {@code folder} changed (the folder itself: it appeared, went, or is to be
     * built as a whole). Called by the watcher's thread, and by the session at start.
     */
    synchronized void changed(Path folder, Path file) {
        Folder f = folders.computeIfAbsent(folder, k -> new Folder());
        long now = System.nanoTime();
        if (f.pending.isEmpty()) {
            f.firstEventNanos = now;
        }
        f.lastEventNanos = now;
        f.pending.add(file);
        if (!f.running) {
            schedule(folder, f, quietNanos);
        } // else: the build's end schedules the next one, with everything gathered meanwhile
    }

    /** The changes of {@code folder} that no build has taken yet. */
    synchronized Set<Path> pending(Path folder) {
        Folder f = folders.get(folder);
        return f == null ? Set.of() : Set.copyOf(f.pending);
    }

    /** Whether no folder has changes waiting or a build running. */
    synchronized boolean idle() {
        return folders.values().stream().allMatch(f -> f.pending.isEmpty() && !f.running);
    }

    private void schedule(Path folder, Folder f, long delayNanos) {
        if (closed) {
            return;
        }
        if (f.timer != null) {
            f.timer.cancel(false);
        }
        f.timer = timers.schedule(() -> start(folder), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The quiet period may be over: start the build, unless an event came since the timer was set
     * (a timer cancelled too late, already running) or a build runs.
     *
     * <p>Why this is sound: every decision (start a build, gather an event, schedule the next)
     * is taken under this scheduler's lock, and {@code running} is set in the same step that takes
     * the pending changes, so an event is either in the changes a build took or left pending for a
     * build that {@link #finished} schedules; and no second build of a folder starts while one runs.
     */
    private void start(Path folder) {
        Set<Path> changes;
        long wait;
        synchronized (this) {
            Folder f = folders.get(folder);
            if (f == null || f.running || f.pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            long quietFor = now - f.lastEventNanos;
            if (quietFor < quietNanos) {
                schedule(folder, f, quietNanos - quietFor);
                return;
            }
            changes = new LinkedHashSet<>(f.pending);
            f.pending.clear();
            f.timer = null;
            f.running = true;
            wait = now - f.firstEventNanos;
        }
        builds.execute(() -> {
            try {
                build.run(folder, changes, wait);
            } finally {
                finished(folder);
            }
        });
    }

    private synchronized void finished(Path folder) {
        Folder f = folders.get(folder);
        f.running = false;
        if (!f.pending.isEmpty()) {
            schedule(folder, f, Math.max(0, quietNanos - (System.nanoTime() - f.lastEventNanos)));
        }
    }

    /** Stops the timers, and waits for running builds to end (a compiler cannot be interrupted). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timers.shutdownNow();
        builds.shutdown();
        try {
            builds.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String name) {
        return Thread.ofPlatform().name(name + "-", 1).daemon().factory();
    }
}
