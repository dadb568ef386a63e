package dev.graft.core.reload;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.DependencyCycleException;
import dev.graft.core.DuplicatePluginException;
import dev.graft.core.GraftException;
import dev.graft.core.NoSuchPluginException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginInfo;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginStats;
import dev.graft.core.UnsatisfiedDependencyException;
import dev.graft.core.Version;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateReport;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.HostModules;
import dev.graft.core.sign.TrustedKeys;
import dev.graft.core.patch.Patches;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PluginState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Load, reload and unload as transactions (DESIGN.md, "Reload, step by step"): everything is read,
 * verified, linked and started off to the side; only when all of it succeeded is anything
 * published; any failure before that leaves the running versions serving, untouched (G2).
 *
 * <p>Why this is sound: every transaction runs under one lock, so two reloads of a plugin (or of
 * plugins that depend on each other) never interleave, and the registry and slot groups have one
 * writer at a time. Calls never take the lock: they read a slot group's published array (see
 * {@link dev.graft.core.slot.SlotGroup}). Events are delivered after the lock is released, so a
 * subscriber may call back into the runtime.
 *
 * <p>This class is the facade: the lock, the lookups, and the transactions that run the steps in
 * order. The steps themselves are {@link Stager} (1, copy), {@link Preparer} (2, prepare),
 * {@link Publisher} (3 and 4, quiesce and publish, and rollback) and {@link Retirer} (5); a
 * transaction's events and retirements wait in an {@link Outcome} until the lock is released.
 */
public final class Lifecycle implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Registry registry = new Registry();
    private final ArtifactStore store = new ArtifactStore();
    private final Stager stager;
    private final Events events;
    private final Retirer retirer;
    private final HandleTable handles;
    private final HostModules hostModules;
    private final Preparer preparer;
    private final Publisher publisher;
    private final Tallies tallies = new Tallies();
    private final Patches patches;
    private boolean closed; // guarded by lock

    /** How long a retired version may await the collector's proof before Graft asks for a collection, by default. */
    public static final Duration DEFAULT_COLLECT_RETIRED_AFTER = Duration.ofSeconds(10);

    /** A lifecycle offering plugins the built-in host modules only. */
    public Lifecycle(List<PluginLoader> loaders, Events events, Duration quiesceTimeout) {
        this(loaders, events, quiesceTimeout, HostModules.defaults(), new HandleTable(), DEFAULT_COLLECT_RETIRED_AFTER);
    }

    /**
     * @param collectRetiredAfter how long a retired version may await the garbage collector's proof
     *                            that no call runs in it before Graft asks the JVM for a collection
     */
    public Lifecycle(List<PluginLoader> loaders, Events events, Duration quiesceTimeout, HostModules hostModules,
                     HandleTable handles, Duration collectRetiredAfter) {
        this(loaders, events, quiesceTimeout, hostModules, handles, collectRetiredAfter, TrustedKeys.NONE);
    }

    /** @param trust the keys whose signatures artifacts must carry (see docs/operations.md, "Signed plugins") */
    public Lifecycle(List<PluginLoader> loaders, Events events, Duration quiesceTimeout, HostModules hostModules,
                     HandleTable handles, Duration collectRetiredAfter, TrustedKeys trust) {
        if (loaders.isEmpty()) {
            throw new IllegalArgumentException("expected at least one plugin loader, found none "
                    + "(put graft-jvm, graft-native or graft-wasm on the class path, or add one to the builder)");
        }
        this.stager = new Stager(loaders, store, trust);
        this.events = events;
        this.handles = handles;
        this.hostModules = hostModules;
        this.patches = new Patches(events);
        this.preparer = new Preparer(registry, hostModules, handles, trust,
                (type, version, requester) -> locked(() -> registry.slotFor(type, version, requester).proxy()), patches);
        this.retirer = new Retirer(store, events, collectRetiredAfter);
        this.publisher = new Publisher(registry, store, retirer, quiesceTimeout, patches);
        events.subscribe(tallies::count);
    }

    // ---------------------------------------------------------------- lookups

    /** The host's patchable functions and the plugins' patches on them. */
    public Patches patches() {
        return patches;
    }

    /** Registers a host contract type, so that plugins of any kind may name it. */
    public void registerContract(ContractType<?> contract) {
        registry.catalog.register(contract, null);
    }

    /** The proxy on the best live provider of a contract satisfying {@code requested}. */
    public <T> T contract(ContractType<T> contract, Version requested) {
        return locked(() -> registry.slotFor(contract, requested, null).proxy());
    }

    /** Proxies on every live provider of a contract satisfying {@code requested}, ordered by plugin id. */
    public <T> List<T> contracts(ContractType<T> contract, Version requested) {
        return locked(() -> {
            ContractRef ref = new ContractRef(contract.name(), requested);
            return registry.versions().stream()
                    .filter(v -> v.manifest().provided(ref).isPresent())
                    .map(v -> registry.slotOf(v.id(), contract, requested).proxy())
                    .toList();
        });
    }

    /** The proxy on a given plugin's provider of a contract. */
    public <T> T contractOf(String pluginId, ContractType<T> contract, Version requested) {
        return locked(() -> {
            PluginVersion v = require(pluginId, null);
            ContractRef ref = new ContractRef(contract.name(), requested);
            if (v.manifest().provided(ref).isEmpty()) {
                throw new dev.graft.core.NoProviderException("expected plugin '" + pluginId + "' to provide contract "
                        + ref + " (" + contract.type().getName() + "), found it provides "
                        + (v.manifest().provides().isEmpty() ? "no contracts" : v.manifest().provides()));
            }
            return registry.slotOf(pluginId, contract, requested).proxy();
        });
    }

    /**
     * The host's contract types a live plugin provides, in its manifest's order, for calls by name
     * ({@code Graft.invocation}).
     *
     * @throws NoSuchPluginException if no plugin of that id is loaded
     */
    public List<ContractType<?>> providedContracts(String id) {
        return locked(() -> {
            PluginVersion v = require(id, null);
            List<String> order = v.manifest().provides().stream().map(ContractRef::name).toList();
            return v.targets().keySet().stream().<ContractType<?>>map(dev.graft.core.slot.Slot::contract)
                    .sorted(java.util.Comparator.comparingInt(c -> order.indexOf(c.name()))).toList();
        });
    }

    /**
     * Reads an artifact as a load would, up to but not including running any of its code, and says
     * whether the load would refuse it: see {@code Graft.inspect}. Changes nothing.
     */
    public dev.graft.core.Inspection inspect(Path source) {
        return stager.inspect(source, registry.catalog::find, patches::declaration, manifest -> {
            hostModules.checkImports(manifest, source);
            preparer.checkPatchesDeclared(manifest, source);
        });
    }

    /** The other files the loader of {@code artifact} reads with it (see {@code Graft.companions}). */
    public List<Path> companions(Path artifact) {
        return stager.companions(artifact);
    }

    public Optional<PluginInfo> plugin(String id) {
        return registry.current(id).map(PluginVersion::info);
    }

    /** A live plugin's state as it is now, read without quiescing (see {@code Graft.state}). */
    public Optional<Map<String, Object>> state(String id) {
        return locked(() -> registry.current(id).map(v -> v.prepared().state()).map(PluginState::read));
    }

    public List<PluginInfo> plugins() {
        return registry.versions().stream().map(PluginVersion::info).toList();
    }

    /**
     * A number that changes whenever a version is published or withdrawn (load, reload, unload),
     * by whichever thread: read without the lock. The folder watcher compares it to the one it read
     * before an artifact failed, to know whether the plugins that artifact was linked against may
     * have changed since.
     */
    public long generation() {
        return registry.generation();
    }

    /** The plugin loaded from an artifact path as the host named it, if any. */
    public Optional<PluginInfo> pluginFrom(Path source) {
        Path wanted = source.toAbsolutePath().normalize();
        return registry.versions().stream()
                .filter(v -> v.artifact().source().toAbsolutePath().normalize().equals(wanted))
                .map(PluginVersion::info).findFirst();
    }

    /** Whether some loader reads this file, judged from its name or first bytes. */
    public boolean accepts(Path file) {
        return stager.accepts(file);
    }

    /** The files in a folder that some loader reads, skipping hidden, temporary and lock files. */
    public List<Path> artifactsIn(Path directory) {
        return stager.artifactsIn(directory);
    }

    // ---------------------------------------------------------------- transactions

    /** Loads one plugin and publishes it. */
    public PluginInfo load(Path source) {
        return transaction("load", null, source, out -> loadStaged(stager.stage(source, null), System.nanoTime(), out));
    }

    /**
     * Loads each artifact on its own, in dependency order, reporting each failure as a
     * {@code Failed} event and to {@code failed}: what the folder watcher uses, so that one broken
     * artifact does not hold back the others. Returns what was loaded.
     */
    public List<PluginInfo> loadEach(List<Path> files, Consumer<? super GraftException> failed) {
        List<Staged> staged = new ArrayList<>();
        for (Path file : files) {
            try {
                staged.add(transaction("load", null, file, out -> stager.stage(file, null)));
            } catch (GraftException e) {
                failed.accept(e); // and a Failed event, from the transaction
            }
        }
        Map<String, PluginManifest> world = registry.manifests();
        staged.forEach(s -> world.put(s.manifest().id(), s.manifest()));
        List<Staged> ordered = new ArrayList<>();
        for (String id : new DependencyGraph(world.values()).orderSkippingCycles(
                staged.stream().map(s -> s.manifest().id()).collect(Collectors.toSet()), (cycle) -> {
                    failed.accept(cycle);
                    reportCycle(cycle, staged);
                })) {
            staged.stream().filter(s -> s.manifest().id().equals(id)).findFirst().ifPresent(ordered::add);
        }
        staged.stream().filter(s -> !ordered.contains(s)).forEach(s -> store.delete(s.artifact()));
        List<PluginInfo> loaded = new ArrayList<>();
        for (Staged s : ordered) {
            try {
                loaded.add(transaction("load", s.manifest().id(), s.artifact().source(),
                        out -> loadStaged(s, System.nanoTime(), out)));
            } catch (GraftException e) {
                failed.accept(e); // and a Failed event, from the transaction
            }
        }
        return loaded;
    }

    private void reportCycle(DependencyCycleException cycle, List<Staged> staged) {
        List<GraftEvent> out = new ArrayList<>();
        for (String id : cycle.cycle()) {
            staged.stream().filter(s -> s.manifest().id().equals(id)).findFirst().ifPresent(s ->
                    out.add(new GraftEvent.Failed(id, s.artifact().source(), "load", cycle)));
        }
        events.publish(out);
    }

    /** Loads a staged artifact: checks, prepares, publishes. Deletes the copy if it fails. */
    private PluginInfo loadStaged(Staged staged, long start, Outcome out) {
        PluginVersion version = null;
        try {
            checkNotLoaded(staged);
            Map<String, PluginManifest> world = registry.manifests();
            world.put(staged.manifest().id(), staged.manifest());
            new DependencyGraph(world.values()).order(world.keySet());
            version = preparer.prepare(staged, world);
        } finally {
            if (version == null) {
                store.delete(staged.artifact());
            }
        }
        publisher.publishFirst(version, out);
        out.event(new GraftEvent.Loaded(version.id(), version.manifest().version(), version.loader().kind(),
                staged.artifact().source(), Duration.ofNanos(System.nanoTime() - start)));
        return version.info();
    }

    /**
     * Loads every plugin artifact in a folder, in dependency order, all or nothing: if one fails,
     * those loaded before it are unloaded again and the failure is thrown.
     */
    public List<PluginInfo> loadAll(Path directory) {
        return loadFiles(artifactsIn(directory), directory);
    }

    /** Loads several plugin artifacts together, in dependency order, all or nothing, like {@link #loadAll}. */
    public List<PluginInfo> loadFiles(List<Path> files, Path where) {
        return transaction("load", null, where, out -> {
            Path directory = where;
            List<Staged> batch = new ArrayList<>();
            List<PluginVersion> published = new ArrayList<>();
            try {
                for (Path file : files) {
                    batch.add(stager.stage(file, null));
                }
                Map<String, Staged> byId = new LinkedHashMap<>();
                for (Staged s : batch) {
                    checkNotLoaded(s);
                    Staged twin = byId.put(s.manifest().id(), s);
                    if (twin != null) {
                        throw new DuplicatePluginException(s.manifest().id(), s.artifact().source(),
                                "expected one artifact per plugin id in " + directory + ", found '" + s.manifest().id()
                                        + "' also in " + twin.artifact().name());
                    }
                }
                Map<String, PluginManifest> world = registry.manifests();
                byId.values().forEach(s -> world.put(s.manifest().id(), s.manifest()));
                for (String id : new DependencyGraph(world.values()).order(byId.keySet())) {
                    long start = System.nanoTime();
                    Staged s = byId.get(id);
                    PluginVersion v = preparer.prepare(s, world);
                    batch.remove(s);
                    publisher.publishFirst(v, out);
                    published.add(v);
                    out.event(new GraftEvent.Loaded(id, v.manifest().version(), v.loader().kind(),
                            s.artifact().source(), Duration.ofNanos(System.nanoTime() - start)));
                }
            } catch (RuntimeException e) {
                batch.forEach(s -> store.delete(s.artifact()));
                // those published before the failure go again: the events say so, in order
                for (PluginVersion v : published.reversed()) {
                    publisher.withdraw(v, "plugin '" + v.id() + "' was unloaded: loading " + directory + " failed", out);
                    out.event(new GraftEvent.Unloaded(v.id(), v.manifest().version()));
                }
                throw e;
            }
            return published.stream().map(PluginVersion::info).toList();
        });
    }

    /**
     * Replaces a plugin with the version in {@code source} (or its current artifact again, when
     * null), and re-links the plugins that depend on it, in topological order. All or nothing.
     */
    public PluginInfo reload(String id, Path source) {
        return transaction("reload", id, source, out -> {
            long start = System.nanoTime();
            PluginVersion old = require(id, source);
            Path newSource = source != null ? source : old.artifact().source();
            Staged staged = stager.stage(newSource, id);
            Map<String, PluginManifest> world = registry.manifests();
            world.put(id, staged.manifest());
            List<String> dependents = List.of();
            List<PluginVersion> olds = new ArrayList<>(List.of(old));
            List<PluginVersion> prepared = new ArrayList<>();
            try {
                dependents = new DependencyGraph(registry.manifests().values()).dependentsOf(id);
                try {
                    new DependencyGraph(world.values()).order(world.keySet());
                } catch (DependencyCycleException e) {
                    // the live plugins had none: the new version brought it, and is in it
                    throw new DependencyCycleException(e.cycle(), id, newSource).duringReloadOf(id, newSource);
                }
                prepared.add(preparer.prepare(staged, world));
                staged = null;
                for (String dependentId : dependents) {
                    PluginVersion current = registry.current(dependentId).orElseThrow();
                    olds.add(current);
                    Staged again = stager.again(current);
                    try {
                        prepared.add(preparer.prepare(again, world));
                    } catch (RuntimeException e) {
                        store.delete(again.artifact());
                        throw e;
                    }
                }
                for (int i = 0; i < olds.size(); i++) {
                    Preparer.checkKeepsHandedOutSlots(olds.get(i), prepared.get(i));
                }
            } catch (RuntimeException e) {
                publisher.rollBack(staged, prepared);
                throw inDependent(e, id, newSource, dependents);
            }
            long published = System.nanoTime();
            Publisher.Published outcome;
            try {
                outcome = publisher.publish(olds, prepared, out);
            } catch (RuntimeException e) {
                throw inDependent(e, id, newSource, dependents);
            }
            long end = System.nanoTime();
            olds.forEach(out::retire);
            out.event(new GraftEvent.Reloaded(id, old.manifest().version(), prepared.getFirst().manifest().version(),
                    prepared.getFirst().artifact().source(), Duration.ofNanos(published - start),
                    outcome.quiesce(), Duration.ofNanos(end - published), Duration.ofNanos(end - start), dependents,
                    outcome.states().getFirst()));
            return prepared.getFirst().info();
        });
    }

    /**
     * A failure in a dependent the reload re-links keeps its type, its plugin and its artifact,
     * and names the reload too: the reloaded plugin and the artifact it was to load from.
     */
    private static RuntimeException inDependent(RuntimeException e, String id, Path artifact, List<String> dependents) {
        if (e instanceof PluginException pe && dependents.contains(pe.pluginId())) {
            pe.duringReloadOf(id, artifact);
        }
        return e;
    }

    /** Unloads a plugin. Refused while other live plugins depend on it. */
    public void unload(String id) {
        transaction("unload", id, null, out -> {
            PluginVersion old = require(id, null);
            List<String> dependents = new DependencyGraph(registry.manifests().values()).dependentsOf(id);
            if (!dependents.isEmpty()) {
                throw new UnsatisfiedDependencyException(id, old.artifact().source(),
                        "expected no live plugin to depend on it before unloading, found " + String.join(", ", dependents)
                                + "; unload them first");
            }
            publisher.withdraw(old, "plugin '" + id + "' was unloaded", out);
            out.event(new GraftEvent.Unloaded(id, old.manifest().version()));
            return null;
        });
    }

    /** Unloads every plugin (dependents first), waits for their retirement, deletes Graft's copies. */
    @Override
    public void close() {
        if (withdrawAll()) {
            // in a frame of its own, which holds no version: the retirer may wait for the garbage
            // collector to find the withdrawn versions unreachable
            retirer.close();
            store.close();
        }
    }

    /** Withdraws every live version and hands it to the retirer; false if already closed. */
    private boolean withdrawAll() {
        Outcome out = new Outcome(events, retirer);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            Map<String, PluginManifest> world = registry.manifests();
            for (String id : new DependencyGraph(world.values()).order(world.keySet()).reversed()) {
                PluginVersion old = registry.current(id).orElseThrow();
                publisher.withdraw(old, "the runtime was closed", out);
                out.event(new GraftEvent.Unloaded(id, old.manifest().version()));
            }
        } catch (GraftException e) {
            // a cycle cannot be live (loads refuse them); unload in any order rather than leak
            for (PluginVersion old : registry.versions()) {
                publisher.withdraw(old, "the runtime was closed", out);
            }
        } finally {
            lock.unlock();
            out.complete();
        }
        return true;
    }

    // ---------------------------------------------------------------- preconditions and the lock

    private void checkNotLoaded(Staged staged) {
        registry.current(staged.manifest().id()).ifPresent(live -> {
            throw new DuplicatePluginException(live.id(), staged.artifact().source(), "expected a plugin id not loaded yet, found '"
                    + live.id() + "' loaded as " + live.label() + " from " + live.artifact().name() + "; reload it instead");
        });
    }

    private PluginVersion require(String id, Path source) {
        return registry.current(id).orElseThrow(() -> new NoSuchPluginException(id, source,
                "expected a loaded plugin of that id, found " + (registry.versions().isEmpty() ? "no plugins loaded"
                        : "only " + registry.versions().stream().map(PluginVersion::id).collect(Collectors.joining(", ")))));
    }

    private <R> R transaction(String operation, String pluginId, Path artifact, Function<Outcome, R> work) {
        Outcome out = new Outcome(events, retirer);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this Graft runtime is closed");
            }
            return work.apply(out);
        } catch (GraftException e) {
            String id = pluginId;
            Path where = artifact;
            if (e instanceof PluginException pe && pe.reloadedPluginId() != null) {
                // a dependent's failure, or a cycle, refused this reload: the event is the reload's
                id = pe.reloadedPluginId();
                where = pe.reloadedArtifact();
            } else if (e instanceof PluginException pe) {
                id = pe.pluginId() != null ? pe.pluginId() : pluginId;
                where = pe.artifact() != null ? pe.artifact() : artifact;
            }
            out.event(new GraftEvent.Failed(id, where, operation, e));
            throw e;
        } finally {
            lock.unlock();
            out.complete();
        }
    }

    private <R> R locked(java.util.function.Supplier<R> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this Graft runtime is closed");
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What each plugin went through since the runtime was built, ordered by id: every plugin an
     * event was about, loaded now or not (see {@code Graft.stats}).
     */
    public List<PluginStats> stats() {
        return locked(() -> tallies.ids().stream().sorted().map(id -> {
            Tallies.Tally tally = tallies.of(id).orElseThrow();
            Optional<PluginVersion> live = registry.current(id);
            List<PluginVersion> retiring = retirer.retiring(id);
            int handles = live.map(v -> v.handles().live()).orElse(0)
                    + retiring.stream().mapToInt(v -> v.handles().live()).sum();
            return new PluginStats(id, live.map(v -> v.manifest().version()).orElse(null),
                    live.map(v -> v.loader().kind()).orElse(tally.kind()), tally.loads(), tally.reloads(), tally.failures(),
                    tally.lastReload(), retiring.size(), handles, live.map(v -> v.prepared().instances()).orElse(null));
        }).toList());
    }

    /** Owned handles live in the runtime, every plugin version together. */
    public int liveHandles() {
        return handles.live();
    }

    /** For tests: Graft's private copy folder. */
    Path storeDirectory() {
        return store.directory();
    }

    /** For tests: live versions by id, with their labels. */
    Map<String, String> labels() {
        Map<String, String> out = new HashMap<>();
        registry.versions().forEach(v -> out.put(v.id(), v.label()));
        return out;
    }
}
