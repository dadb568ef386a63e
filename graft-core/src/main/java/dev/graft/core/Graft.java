package dev.graft.core;

import dev.graft.core.event.Events;
import dev.graft.core.patch.PatchInfo;
import dev.graft.core.patch.Patchable;
import dev.graft.core.patch.PatchableException;
import dev.graft.core.reload.Lifecycle;
import dev.graft.core.watch.FolderWatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Graft runtime: loads plugins, hands out proxies on their contracts, reloads them while they
 * run. Thread-safe: any thread may call any method; calls through proxies never wait for it.
 *
 * <pre>{@code
 * try (Graft graft = Graft.builder().pluginDirectory(Path.of("plugins")).watch(true).build()) {
 *     Greeter greeter = graft.contract(Greeter.class);   // always the live version
 *     greeter.greet("world");
 * }
 * }</pre>
 */
public final class Graft implements AutoCloseable {

    private final Lifecycle lifecycle;
    private final Events events;
    private final List<FolderWatcher> watchers = new CopyOnWriteArrayList<>();
    private final GraftBuilder settings;

    Graft(GraftBuilder settings, Lifecycle lifecycle, Events events) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.events = events;
    }

    /** A builder; loaders on the class path are found with {@link java.util.ServiceLoader}. */
    public static GraftBuilder builder() {
        return new GraftBuilder();
    }

    // ---------------------------------------------------------------- contracts

    /**
     * A proxy on the best live provider of a contract: same major version as the interface's
     * {@code @Contract}, at least its minor, highest version first (then lowest plugin id). The
     * proxy always reaches the provider's live version; keep it, do not look it up per call.
     *
     * @throws NoProviderException      if no live plugin provides it
     * @throws IllegalArgumentException if the type is not a contract interface
     */
    public <T> T contract(Class<T> type) {
        ContractType<T> contract = ContractType.of(type);
        return lifecycle.contract(contract, contract.version());
    }

    /** Like {@link #contract(Class)}, asking for at least {@code version} ({@code "1.2"}) of the same major. */
    public <T> T contract(Class<T> type, String version) {
        ContractType<T> contract = ContractType.of(type);
        return lifecycle.contract(contract, requested(contract, version));
    }

    /** Proxies on every live provider of a contract (same major, at least the interface's minor), by plugin id. */
    public <T> List<T> contracts(Class<T> type) {
        ContractType<T> contract = ContractType.of(type);
        return lifecycle.contracts(contract, contract.version());
    }

    /** A proxy on the provider of a contract from one given plugin. */
    public <T> T contractOf(String pluginId, Class<T> type) {
        ContractType<T> contract = ContractType.of(type);
        return lifecycle.contractOf(pluginId, contract, contract.version());
    }

    // ---------------------------------------------------------------- calls by name

    /**
     * A contract method of a live plugin, by the contract's name ({@code "example.greeter"}) and
     * the method's, to call with {@code Object...} arguments checked against its parameter types:
     * for hosts that script Graft (a REPL, an admin endpoint). <b>Not the fast path</b>: see
     * {@link Invocation}; a host calling a contract in its own code uses {@link #contract(Class)}.
     * Keep the invocation to call it again; it reaches the plugin's live version, as a proxy does.
     *
     * @throws NoSuchPluginException if no plugin of that id is loaded
     * @throws UnknownNameException  if the plugin provides no contract of that name, or the contract
     *                               has no method of that name; the message lists what there is and
     *                               the closest name ({@code did you mean `greet`?})
     */
    public Invocation invocation(String pluginId, String contractName, String methodName) {
        List<ContractType<?>> provided = lifecycle.providedContracts(pluginId);
        Path artifact = plugin(pluginId).map(PluginInfo::artifact).orElse(null);
        ContractType<?> contract = provided.stream().filter(c -> c.name().equals(contractName)).findFirst()
                .orElseThrow(() -> new UnknownNameException(pluginId, artifact, "a contract the plugin provides", contractName,
                        provided.stream().map(ContractType::name).toList()));
        List<java.lang.reflect.Method> methods = Invocation.methodsOf(contract);
        List<java.lang.reflect.Method> named = methods.stream().filter(m -> m.getName().equals(methodName)).toList();
        if (named.isEmpty()) {
            throw new UnknownNameException(pluginId, artifact, "a method of contract " + contract.ref(), methodName,
                    methods.stream().map(java.lang.reflect.Method::getName).distinct().toList());
        }
        return new Invocation(pluginId, artifact, contract, named, contractOf(pluginId, contract.type()));
    }

    /**
     * Calls a contract method of a live plugin by name: {@code invocation(pluginId, contractName,
     * methodName).invoke(args)}. Not the fast path (see {@link Invocation}).
     *
     * @throws UnknownNameException      for an unknown contract or method
     * @throws ArgumentMismatchException if the arguments do not fit the method, naming the parameter,
     *                                   the type expected and the value found; nothing is called then
     */
    public Object invoke(String pluginId, String contractName, String methodName, Object... args) {
        return invocation(pluginId, contractName, methodName).invoke(args);
    }

    private static Version requested(ContractType<?> contract, String version) {
        Version v = Version.parse(version);
        if (v.major() != contract.version().major()) {
            throw new IllegalArgumentException("expected a version of major " + contract.version().major() + " for "
                    + contract + ", found " + version);
        }
        return v;
    }

    // ---------------------------------------------------------------- patchable functions

    /**
     * Declares a patchable function: {@code type} is a public interface with one abstract method
     * ({@code DoubleUnaryOperator}, or the host's own), {@code defaultBody} what runs until someone
     * patches it. Call {@link Patchable#function()} (keep it, as a contract proxy) and patch it with
     * {@link Patchable#patch}; plugins loaded afterwards may patch it too (manifest key
     * {@code patches}). See docs/patchable.md.
     *
     * @throws PatchableException on a bad name or type, a missing or mistyped default body, or a name declared already
     */
    public <F> Patchable<F> patchable(String name, Class<F> type, F defaultBody) {
        return lifecycle.patches().declare(name, type, defaultBody);
    }

    /** Every current patch of every patchable function, by function name, each function's bottom to top. */
    public List<PatchInfo> patches() {
        return lifecycle.patches().list();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Loads a plugin artifact and publishes it. */
    public PluginInfo load(Path artifact) {
        return lifecycle.load(artifact);
    }

    /** Loads every artifact in a folder in dependency order, all or nothing. */
    public List<PluginInfo> loadAll(Path directory) {
        return lifecycle.loadAll(directory);
    }

    /** Reloads a plugin from the artifact it was loaded from (which may have been rebuilt). */
    public PluginInfo reload(String pluginId) {
        return lifecycle.reload(pluginId, null);
    }

    /**
     * Replaces a plugin with the version in {@code artifact}: prepared off to the side, published
     * atomically with its re-linked dependents; on failure, the running versions keep serving and
     * the failure is thrown. Once this returns, every new call runs the new version.
     */
    public PluginInfo reload(String pluginId, Path artifact) {
        return lifecycle.reload(pluginId, artifact);
    }

    /** Unloads a plugin; its proxies throw {@link ProviderUnavailableException} until it is loaded again. */
    public void unload(String pluginId) {
        lifecycle.unload(pluginId);
    }

    /**
     * Reads an artifact as {@link #load} would, running every check a load runs before any of the
     * plugin's code runs (its format, manifest, limits, declared state, each contract linked
     * against the host's interface, its host module imports), and none after: no constructor, no
     * init, no wasm start function, and a native library is not even mapped (its descriptor is
     * read out of a layout Graft makes of the file, so its ELF constructors do not run either).
     * Changes nothing in this runtime. For {@code graft inspect}; a refusal is part of the answer,
     * not thrown.
     */
    public Inspection inspect(Path artifact) {
        return lifecycle.inspect(artifact);
    }

    /**
     * The other files beside an artifact that a load reads with it, chosen by the loader a load
     * of it would use (a native sidecar's library; for most artifacts none): each is checked
     * against its own {@code .sig} when signatures are checked, so {@code graft sign} signs them
     * with the artifact. Reads nothing of the artifact but its name and first bytes.
     *
     * @throws GraftException if the artifact names a companion it cannot read the name of
     */
    public List<Path> companions(Path artifact) {
        return lifecycle.companions(artifact);
    }

    public Optional<PluginInfo> plugin(String pluginId) {
        return lifecycle.plugin(pluginId);
    }

    public List<PluginInfo> plugins() {
        return lifecycle.plugins();
    }

    /**
     * A snapshot of a live plugin's state, in the kind-neutral form of
     * {@link dev.graft.core.state.StateValues} (a map by field name; nested structs are maps), or
     * empty when the plugin is not loaded or declares no state. For diagnostics and tests: it does
     * not quiesce the plugin, so while calls run, fields are read one by one as they are at that
     * moment (each field whole, but not all of them at one instant).
     */
    public Optional<java.util.Map<String, Object>> state(String pluginId) {
        return lifecycle.state(pluginId);
    }

    /**
     * Owned handles live in this runtime, every plugin version together: for diagnostics, and to
     * check that unloading a plugin leaves the count where it was before it loaded. (Scoped
     * handles live only while the host call that made them runs.)
     */
    public int liveHandles() {
        return lifecycle.liveHandles();
    }

    /**
     * What each plugin went through in this runtime, for operators: loads, reloads and failures
     * counted since the runtime was built, the last reload's durations, the versions still
     * retiring, the owned handles held now and the live version's pool of instances (wasm,
     * JavaScript and Python plugins); one {@link PluginStats} per plugin any event was about,
     * loaded now or not, ordered by id. Costs nothing on the call path: counted from the events as
     * they are published, and by the pools on their slow paths only.
     */
    public List<PluginStats> stats() {
        return lifecycle.stats();
    }

    /** Where to subscribe to load, reload, unload, retire and failure events. */
    public Events events() {
        return events;
    }

    /**
     * Watches a folder: loads what is in it, reloads an artifact when it is rewritten, unloads it
     * when it is deleted. Stopped by {@link #close}, or by closing the watcher returned.
     */
    public FolderWatcher watch(Path directory) {
        FolderWatcher watcher = new FolderWatcher(lifecycle, directory, settings.watchQuietPeriod());
        watchers.add(watcher);
        return watcher;
    }

    /** Stops watchers, unloads every plugin, waits for their retirement and deletes Graft's copies. */
    @Override
    public void close() {
        watchers.forEach(FolderWatcher::close);
        lifecycle.close();
    }
}
