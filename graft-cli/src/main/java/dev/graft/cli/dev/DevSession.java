package dev.graft.cli.dev;

import dev.graft.core.Graft;
import dev.graft.core.PluginInfo;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The loop of {@code graft dev}: a folder of plugin source folders, one per plugin, each built by
 * the {@link SourceBuilder} of its kind on start and after every burst of saves, and loaded (its
 * first good build), reloaded (every later one), or unloaded (its folder deleted) through the
 * normal {@link Graft} API. A build or reload that fails leaves the running version serving.
 * Each outcome is printed as one line and handed to the listener as a {@link DevOutcome}, so a
 * test or a benchmark can wait for the new code to serve without sleeping.
 *
 * <p>The {@link Graft} is the caller's: the session loads into it and never closes it. Closing
 * the session stops the watching and the builds (waiting for a running one), and deletes the
 * builders' output if the session made the folder.
 */
public final class DevSession implements AutoCloseable {

    /**
     * The quiet period by default: a build starts once a folder saw no event for this long. An
     * editor's save is a burst of events a few milliseconds apart (vim: its probe file 4913, the
     * backup, the file; IntelliJ: a temporary file and a rename; "save all": several files), and
     * on a busy machine its events come further apart; 50 ms covers those with room, and costs
     * a fifth or less of the save-to-serving time (docs/dev-mode.md, "Debounce").
     */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(50);

    /** What one plugin folder has become; written only by its builds, which never overlap. */
    private static final class Folder {
        volatile String pluginId;
        volatile String kind;
        volatile Path artifact;
        volatile boolean reportedUnknown;
        volatile Set<Path> files = Set.of(); // the folder's files when its last round started
    }

    private final Path directory;
    private final Graft graft;
    private final SourceBuilders builders;
    private final BuildContext context;
    private final boolean ownOutput;
    private final DevConsole console;
    private final Consumer<? super DevOutcome> listener;
    private final Map<Path, Folder> folders = new ConcurrentHashMap<>();
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();
    private final Map<String, GraftEvent.Reloaded> reloads = new ConcurrentHashMap<>();
    private final Events.Subscription subscription;
    private final BuildScheduler scheduler;
    private final SourceWatcher watcher;

    private DevSession(Builder b) throws IOException {
        this.directory = b.directory.toAbsolutePath().normalize();
        this.graft = b.graft;
        this.builders = b.builders;
        this.ownOutput = b.outputDir == null;
        Path output = ownOutput ? Files.createTempDirectory("graft-dev-") : Files.createDirectories(b.outputDir.toAbsolutePath());
        this.context = new BuildContext(output, b.hostClassPath, b.contracts);
        this.console = b.console;
        this.listener = b.listener;
        // A reload's state report comes in its Reloaded event, delivered on the reloading thread
        // before reload() returns: the build that reloaded takes it from here.
        this.subscription = graft.events().subscribe(event -> {
            if (event instanceof GraftEvent.Reloaded reloaded) {
                reloads.put(reloaded.pluginId(), reloaded);
            }
        });
        this.scheduler = new BuildScheduler(b.quietPeriod, this::build);
        try {
            this.watcher = new SourceWatcher(directory, output, scheduler::changed);
        } catch (IOException | RuntimeException e) {
            scheduler.close();
            subscription.close();
            throw e;
        }
        try (Stream<Path> children = Files.list(directory)) {
            children.filter(Files::isDirectory).filter(f -> !SourceFiles.hiddenFolder(f) && !output.startsWith(f)).sorted()
                    .forEach(folder -> scheduler.changed(folder, folder));
        }
    }

    /**
     * A session on {@code directory} (a folder of plugin source folders), loading into {@code graft}.
     * Set what else it needs on the builder, then {@link Builder#start()}.
     */
    public static Builder builder(Path directory, Graft graft) {
        return new Builder(directory, graft);
    }

    /** The folder of plugin source folders. */
    public Path directory() {
        return directory;
    }

    /** Where the builders write artifacts. */
    public Path outputDir() {
        return context.outputDir();
    }

    /** The id of the plugin built from {@code folder}, once a build of it loaded. */
    public Optional<String> pluginId(Path folder) {
        return Optional.ofNullable(folders.get(folder.toAbsolutePath().normalize())).map(f -> f.pluginId);
    }

    /** The changed files of {@code folder} (absolute) that no build has taken yet: what its next build will cover. */
    public Set<Path> pending(Path folder) {
        return scheduler.pending(folder.toAbsolutePath().normalize());
    }

    /** Whether no folder has changes waiting or a build running. */
    public boolean idle() {
        return scheduler.idle();
    }

    /** One round for {@code folder}, on a build thread; never two at once for one folder (the scheduler's promise). */
    private void build(Path folder, Set<Path> changes, long waitNanos) {
        Folder state = folders.computeIfAbsent(folder, k -> new Folder());
        List<Path> changed = changed(folder, state, changes);
        if (!Files.isDirectory(folder)) {
            // forgotten only once its plugin is gone: if the unload is refused and the folder comes
            // back, its next build reloads the plugin still loaded instead of loading its id twice
            if (state.pluginId == null || gone(folder, state, changed, waitNanos)) {
                folders.remove(folder);
            }
            return;
        }
        SourceBuilder builder;
        try {
            builder = builders.detect(folder);
        } catch (UnknownKindException | IOException e) {
            if (!state.reportedUnknown) {
                state.reportedUnknown = true;
                report(new DevOutcome(folder, state.pluginId, null, changed, waitNanos, 0, 0, DevOutcome.Status.UNKNOWN_KIND,
                        e.getMessage()), true);
            }
            return;
        }
        state.reportedUnknown = false;
        state.kind = builder.kind();
        Optional<String> missing = builder.missingToolchain();
        if (missing.isPresent()) {
            report(new DevOutcome(folder, state.pluginId, builder.kind(), changed, waitNanos, 0, 0,
                    DevOutcome.Status.TOOLCHAIN_MISSING, missing.get()), reportedMissing.add(builder.kind()));
            return;
        }
        long started = System.nanoTime();
        Path artifact;
        try {
            artifact = builder.build(folder, context);
        } catch (BuildFailure e) {
            report(failed(folder, state, builder, changed, waitNanos, System.nanoTime() - started, e.getMessage()), true);
            return;
        } catch (IOException | RuntimeException e) {
            report(failed(folder, state, builder, changed, waitNanos, System.nanoTime() - started,
                    "the " + builder.kind() + " builder failed on " + folder + ": " + e), true);
            return;
        }
        long built = System.nanoTime();
        report(load(folder, state, builder.kind(), changed, waitNanos, built - started, artifact), true);
    }

    /**
     * The files of the burst worth naming, relative to the folder: those that are there now, and
     * those deleted since the last round; not an editor's temporary file, created and renamed
     * away within the burst.
     */
    private static List<Path> changed(Path folder, Folder state, Set<Path> changes) {
        Set<Path> before = state.files;
        Set<Path> now = files(folder);
        state.files = now;
        return changes.stream().filter(p -> !p.equals(folder) && (now.contains(p) || before.contains(p) || Files.isDirectory(p)))
                .map(folder::relativize).toList();
    }

    private static Set<Path> files(Path folder) {
        try {
            return Files.isDirectory(folder) ? Set.copyOf(SourceFiles.find(folder, f -> true)) : Set.of();
        } catch (IOException | UncheckedIOException e) {
            return Set.of(); // going while we looked: its deletion is a round of its own
        }
    }

    private static DevOutcome failed(Path folder, Folder state, SourceBuilder builder, List<Path> changed, long waitNanos,
                                     long buildNanos, String message) {
        return new DevOutcome(folder, state.pluginId, builder.kind(), changed, waitNanos, buildNanos, 0,
                DevOutcome.Status.BUILD_FAILED, message);
    }

    /** Loads (the folder's first good build) or reloads the plugin from {@code artifact}; the running version stays on failure. */
    private DevOutcome load(Path folder, Folder state, String kind, List<Path> changed, long waitNanos, long buildNanos, Path artifact) {
        long started = System.nanoTime();
        String id = state.pluginId;
        try {
            DevOutcome.Status status;
            String message;
            if (id == null) {
                PluginInfo info = graft.load(artifact);
                id = info.id();
                status = DevOutcome.Status.LOADED;
                message = info.version().toString();
            } else {
                reloads.remove(id);
                graft.reload(id, artifact);
                GraftEvent.Reloaded event = reloads.remove(id);
                status = DevOutcome.Status.RELOADED;
                message = event == null ? "state not reported" : event.state().toString();
            }
            long reloadNanos = System.nanoTime() - started;
            state.pluginId = id;
            replaceArtifact(state, artifact);
            return new DevOutcome(folder, id, kind, changed, waitNanos, buildNanos, reloadNanos, status, message);
        } catch (RuntimeException e) { // a GraftException naming plugin, artifact and cause; or a loader's bug
            long reloadNanos = System.nanoTime() - started;
            deleteQuietly(artifact);
            return new DevOutcome(folder, id, kind, changed, waitNanos, buildNanos, reloadNanos,
                    DevOutcome.Status.RELOAD_FAILED, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** The folder went: its plugin is unloaded. Whether it was. */
    private boolean gone(Path folder, Folder state, List<Path> changed, long waitNanos) {
        long started = System.nanoTime();
        DevOutcome.Status status = DevOutcome.Status.UNLOADED;
        String message = "unloaded";
        try {
            graft.unload(state.pluginId);
            deleteQuietly(state.artifact);
        } catch (RuntimeException e) { // a GraftException: say, plugins that depend on it
            status = DevOutcome.Status.RELOAD_FAILED;
            message = e.getMessage();
        }
        report(new DevOutcome(folder, state.pluginId, state.kind, changed, waitNanos, 0, System.nanoTime() - started,
                status, message), true);
        return status == DevOutcome.Status.UNLOADED;
    }

    /** Graft loads from its own copy of an artifact: the builder's file of the version before is no longer needed. */
    private static void replaceArtifact(Folder state, Path artifact) {
        Path before = state.artifact;
        state.artifact = artifact;
        if (before != null && !before.equals(artifact)) {
            deleteQuietly(before);
        }
    }

    private void report(DevOutcome outcome, boolean print) {
        if (print) {
            console.print(outcome);
        }
        try {
            listener.accept(outcome);
        } catch (RuntimeException e) {
            console.print(new DevOutcome(outcome.folder(), outcome.pluginId(), outcome.kind(), List.of(), 0, 0, 0,
                    DevOutcome.Status.RELOAD_FAILED, "the session's listener threw " + e));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an artifact left in the output folder: deleted with it, or by the next build's cleanup
        }
    }

    /** Stops watching and building (a running build is waited for); deletes the output folder if the session made it. */
    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop watching " + directory, e);
        } finally {
            scheduler.close();
            subscription.close();
            if (ownOutput) {
                deleteTree(context.outputDir());
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(DevSession::deleteQuietly);
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    /** What a {@link DevSession} needs besides its folder and runtime; everything has a default. */
    public static final class Builder {

        private final Path directory;
        private final Graft graft;
        private SourceBuilders builders = SourceBuilders.standard();
        private List<Path> hostClassPath = List.of();
        private List<Class<?>> contracts = List.of();
        private Path outputDir;
        private Duration quietPeriod = DEFAULT_QUIET_PERIOD;
        private DevConsole console = new DevConsole(new PrintWriter(System.out, true), DevConsole.onTerminal());
        private Consumer<? super DevOutcome> listener = outcome -> { };

        private Builder(Path directory, Graft graft) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.graft = Objects.requireNonNull(graft, "graft");
        }

        /** The builders to detect kinds with and build with; {@link SourceBuilders#standard()} by default. */
        public Builder builders(SourceBuilders builders) {
            this.builders = builders;
            return this;
        }

        /** The host's class path: the jars and folders of the contracts Java plugins compile against. */
        public Builder hostClassPath(List<Path> hostClassPath) {
            this.hostClassPath = List.copyOf(hostClassPath);
            return this;
        }

        /** The contract interfaces the host serves, for builders that generate headers from them. */
        public Builder contracts(List<Class<?>> contracts) {
            this.contracts = List.copyOf(contracts);
            return this;
        }

        /** Where builders write artifacts; by default a temporary folder of the session's own, deleted at close. */
        public Builder outputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /** How long a folder must see no event before its build starts; {@link #DEFAULT_QUIET_PERIOD} by default. */
        public Builder quietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
            return this;
        }

        /** Where outcomes are printed; standard output by default, coloured on a terminal. */
        public Builder console(DevConsole console) {
            this.console = console;
            return this;
        }

        /** Called with every outcome, on the folder's build thread (or the session's, for a folder no builder takes). */
        public Builder listener(Consumer<? super DevOutcome> listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Starts watching, and builds every plugin folder (in the background: outcomes arrive at the listener).
         *
         * @throws DevInputException if the folder is missing or is a file
         * @throws IOException if the folder cannot be watched, or the output folder made
         */
        public DevSession start() throws IOException {
            if (!Files.isDirectory(directory)) {
                throw new DevInputException("expected a folder of plugin source folders, found "
                        + (Files.exists(directory) ? "a file" : "nothing") + " at " + directory);
            }
            if (quietPeriod.isNegative()) {
                throw new DevInputException("expected a quiet period of zero or more, found " + quietPeriod);
            }
            return new DevSession(this);
        }
    }
}
