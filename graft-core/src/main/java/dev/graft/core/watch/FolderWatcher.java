package dev.graft.core.watch;

import dev.graft.core.GraftException;
import dev.graft.core.GraftLoggers;
import dev.graft.core.PluginInfo;
import dev.graft.core.reload.Lifecycle;
import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Watches a plugin folder and turns changes into loads, reloads and unloads (DESIGN.md, reload
 * step 1).
 *
 * <ul>
 *   <li>A burst of writes gives one reload: a file is acted on only once it has been quiet (no
 *       event, same size and modification time) for the quiet period.</li>
 *   <li>A file still being written is not loaded: besides the quiet period, a lock file
 *       ({@code NAME.lock} beside it, or {@code .graft-lock} in the folder) holds it back until
 *       the lock is deleted.</li>
 *   <li>An empty file is not loaded yet: a build such as {@code mvn package} creates the jar empty
 *       and fills it later, after the quiet period. It is looked at again when it changes, or
 *       after another quiet period; one that stays empty for {@link #EMPTY_WAIT_MIN} (or ten quiet
 *       periods, if longer) is acted on all the same, so that its failure is reported.</li>
 *   <li>Artifacts are loaded from Graft's private copy (see the lifecycle), so the build may
 *       overwrite the original at once.</li>
 *   <li>A signature file written or rewritten ({@code NAME.sig}, see {@code graft sign}) counts as
 *       a change of its artifact: signing after the build tries the artifact again.</li>
 *   <li>Artifacts not loaded yet (new ones, or ones that failed before) are loaded one by one, in
 *       dependency order, whenever anything in the folder settles: one broken artifact does not
 *       hold back the others. One that failed is tried again when it changes, or once the live
 *       plugins changed since it failed (a load, reload or unload, here or by anyone else): it may
 *       have been missing that plugin.</li>
 * </ul>
 *
 * <p>Failures are not thrown: they reach the host as {@code Failed} events, and the running
 * versions keep serving. One thread per watched folder; {@link #close} stops it.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GraftLoggers.WATCH);
    private static final long TICK_MILLIS = 20;
    /** The least time an empty file is waited for before it is loaded (and fails) all the same. */
    static final Duration EMPTY_WAIT_MIN = Duration.ofSeconds(5);

    private final Lifecycle lifecycle;
    private final Path directory;
    private final long quietNanos;
    private final long emptyWaitNanos;
    private final WatchService service;
    private final Thread thread;
    private final Map<Path, Pending> pending = new LinkedHashMap<>(); // watcher thread only
    private boolean retryUnloaded; // watcher thread only
    // when each file was first seen settled but empty, while it stays empty; watcher thread only
    private final Map<Path, Long> emptySince = new LinkedHashMap<>();
    // artifacts that failed to load, as they were then: not retried until they change, or until
    // the lifecycle's generation moves past the one their failure was judged against; watcher thread only
    private final Map<Path, Failure> failed = new LinkedHashMap<>();
    private volatile boolean running = true;

    /** A file's size and modification time when its last event came. */
    private record Pending(long eventNanos, FileState state) {
    }

    /**
     * A failed artifact as it was, and the {@link Lifecycle#generation} its attempt saw every
     * change up to: while both hold, trying it again would fail the same way.
     */
    private record Failure(FileState state, long generation) {
    }

    /** A file's size and modification time, and its signature file's: a file signed again has changed. */
    private record FileState(boolean exists, long size, FileTime modified, FileTime signed) {
        static FileState of(Path file) {
            FileTime signed;
            try {
                signed = Files.getLastModifiedTime(SignatureFile.of(file));
            } catch (IOException e) {
                signed = null;
            }
            try {
                return new FileState(true, Files.size(file), Files.getLastModifiedTime(file), signed);
            } catch (IOException e) {
                return new FileState(false, -1, null, signed);
            }
        }
    }

    /**
     * Loads the plugins already in the folder (one by one: failures are events), then starts
     * watching, so a host can ask for contracts as soon as this returns.
     *
     * @param quietPeriod how long a file must stay unchanged before it is acted on
     */
    public FolderWatcher(Lifecycle lifecycle, Path directory, Duration quietPeriod) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("expected a folder to watch, found " + (Files.exists(directory) ? "a file" : "nothing") + " at " + directory);
        }
        this.lifecycle = lifecycle;
        this.directory = directory.toAbsolutePath().normalize();
        this.quietNanos = quietPeriod.toNanos();
        this.emptyWaitNanos = Math.max(EMPTY_WAIT_MIN.toNanos(), 10 * quietNanos);
        try {
            this.service = FileSystems.getDefault().newWatchService();
            this.directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory, e);
        }
        loadUnloaded(); // before the thread starts, which then sees every field as left here
        this.thread = Thread.ofPlatform().daemon().name("graft-watch-" + this.directory.getFileName()).start(this::run);
    }

    /** The folder watched. */
    public Path directory() {
        return directory;
    }

    private void run() {
        while (running) {
            try {
                WatchKey key = service.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    collect(key);
                }
                settle();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "watcher of " + directory + " failed; it goes on", e);
            }
        }
    }

    private void collect(WatchKey key) {
        long now = System.nanoTime();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                lifecycle.artifactsIn(directory).forEach(f -> touch(f, now));
                lifecycle.plugins().forEach(p -> touch(p.artifact(), now));
                continue;
            }
            Path file = directory.resolve((Path) event.context());
            String name = file.getFileName().toString();
            if (name.equals(ArtifactFiles.FOLDER_LOCK)) {
                retryUnloaded = true;
                new ArrayList<>(pending.keySet()).forEach(f -> touch(f, now));
            } else if (name.endsWith(".lock")) {
                touch(file.resolveSibling(name.substring(0, name.length() - ".lock".length())), now);
            } else if (name.endsWith(SignatureFile.SUFFIX)) {
                // a new signature is a new artifact to try: signing after the build wrote the artifact
                touch(file.resolveSibling(name.substring(0, name.length() - SignatureFile.SUFFIX.length())), now);
            } else if (!ArtifactFiles.isIgnored(file)) {
                touch(file, now);
            }
        }
        key.reset();
    }

    private void touch(Path file, long now) {
        pending.put(file.toAbsolutePath().normalize(), new Pending(now, FileState.of(file)));
    }

    /** Acts on every file that has been quiet long enough and is not locked. */
    private void settle() {
        long now = System.nanoTime();
        boolean acted = false;
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Pending> entry = it.next();
            Path file = entry.getKey();
            Pending p = entry.getValue();
            if (now - p.eventNanos() < quietNanos || ArtifactFiles.isLocked(file)) {
                continue;
            }
            FileState state = FileState.of(file);
            if (!Objects.equals(state, p.state())) {
                entry.setValue(new Pending(now, state)); // changed without an event reaching us yet
                continue;
            }
            if (waitingForContent(file, state, now)) {
                entry.setValue(new Pending(now, state)); // looked at again when it changes, or after another quiet period
                continue;
            }
            it.remove();
            acted = true;
            act(file, state.exists());
        }
        if ((acted || retryUnloaded || liveChangedSinceAFailure()) && !Files.exists(directory.resolve(ArtifactFiles.FOLDER_LOCK))) {
            retryUnloaded = false;
            loadUnloaded();
        }
    }

    /**
     * Whether a settled file is empty and has not been empty for long: a build that creates the
     * artifact first and fills it later is not done yet. Once it has stayed empty for the bound it
     * is acted on, so that a file that stays empty is reported.
     */
    private boolean waitingForContent(Path file, FileState state, long now) {
        if (!state.exists() || state.size() != 0) {
            emptySince.remove(file);
            return false;
        }
        long since = emptySince.computeIfAbsent(file, f -> now);
        return now - since < emptyWaitNanos;
    }

    private void act(Path file, boolean exists) {
        Optional<PluginInfo> live = lifecycle.pluginFrom(file);
        try {
            if (live.isPresent() && exists) {
                lifecycle.reload(live.get().id(), file); // moves the generation: failed artifacts are tried again
            } else if (live.isPresent()) {
                lifecycle.unload(live.get().id());
            }
        } catch (GraftException e) {
            warn(e);
        }
    }

    /** A failure is a Failed event too, but no caller hears of it: the watcher says it. */
    private static void warn(GraftException e) {
        LOG.log(Level.WARNING, "{0}", e.getMessage());
    }

    /**
     * Whether some failed artifact was judged against live plugins that have changed since.
     *
     * <p>Why this is sound. {@code failed} is the watcher thread's alone (the constructor fills it
     * before starting the thread). Other threads (the host's explicit loads, another folder's
     * watcher) change the live plugins under the lifecycle lock, and every change bumps the
     * lifecycle's generation, a volatile written under that lock. {@link #loadUnloaded} reads the
     * generation <em>before</em> its attempt, and each attempt runs under the lock after that read;
     * so a change the attempt may have missed bumps the generation after the read and shows here,
     * on the next tick, whichever thread made it. Nothing is held across ticks and the lock is
     * never taken by the watcher except through the lifecycle's own transactions.
     */
    private boolean liveChangedSinceAFailure() {
        if (failed.isEmpty()) {
            return false;
        }
        long generation = lifecycle.generation();
        return failed.values().stream().anyMatch(f -> f.generation() != generation);
    }

    private void loadUnloaded() {
        // read before the attempt: a change the attempt may not have seen moves it after this read
        long before = lifecycle.generation();
        // each file's state as it is before the attempt: if it changes during the attempt, the
        // change is not taken for the version that failed
        Map<Path, FileState> unloaded = new LinkedHashMap<>();
        Map<Path, Failure> stillFailed = new LinkedHashMap<>();
        for (Path f : lifecycle.artifactsIn(directory)) {
            Path file = f.toAbsolutePath().normalize();
            if (lifecycle.pluginFrom(file).isPresent() || pending.containsKey(file) || ArtifactFiles.isLocked(file)) {
                continue; // a pending or locked one is tried again once it settles or its lock goes
            }
            FileState state = FileState.of(file);
            if (waitingForContent(file, state, System.nanoTime())) {
                pending.put(file, new Pending(System.nanoTime(), state)); // settle() looks at it again
                continue;
            }
            Failure failure = failed.get(file);
            if (failure != null && failure.state().equals(state) && failure.generation() == before) {
                stillFailed.put(file, failure); // same file, same live plugins: it would fail the same way
            } else {
                unloaded.put(file, state);
            }
        }
        failed.clear(); // drops the files deleted, loaded, pending or locked since
        failed.putAll(stillFailed);
        if (unloaded.isEmpty()) {
            return;
        }
        try {
            // each failure is a Failed event; the others still load
            List<PluginInfo> loaded = lifecycle.loadEach(List.copyOf(unloaded.keySet()), FolderWatcher::warn);
            // each load publishes one version, so when the generation moved by exactly that many,
            // nobody else changed the live plugins meanwhile: loadEach went in dependency order,
            // so each failure here saw every load it could need, and stands until the next change.
            // Otherwise it is judged against the generation before, and tried again on the next tick.
            long after = lifecycle.generation();
            long judged = after - before == loaded.size() ? after : before;
            unloaded.forEach((file, state) -> {
                if (lifecycle.pluginFrom(file).isEmpty()) {
                    failed.put(file, new Failure(state, judged));
                }
            });
        } catch (IllegalStateException e) {
            running = false; // the runtime closed under us
        }
    }

    /** Stops watching and waits for the watcher's thread to end. Loaded plugins stay loaded. */
    @Override
    public void close() {
        running = false;
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the watch service of " + directory, e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
