package dev.graft.core;

import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.HostModuleFactory;
import dev.graft.core.host.HostModules;
import dev.graft.core.reload.Lifecycle;
import dev.graft.core.sign.Ed25519Keys;
import dev.graft.core.sign.TrustedKeys;
import dev.graft.core.spi.PluginLoader;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Configures a {@link Graft} runtime. Not thread-safe; the runtime it builds is.
 *
 * <p>Host modules: the three built-ins, {@code graft.log} ({@link dev.graft.api.host.Log}),
 * {@code graft.config} ({@link dev.graft.api.host.Config}) and {@code graft.handles}
 * ({@link dev.graft.api.host.Handles}), are registered and granted to every plugin from the start;
 * {@link #shadowHostModule} replaces one, {@link #revokeFromAll} takes its grant back. A plugin
 * still gets only the modules its manifest imports. See docs/host-modules.md.
 *
 * <pre>{@code
 * Graft.builder()
 *     .hostModule(Store.class, ctx -> new TenantStore(ctx.pluginId()))  // made per plugin version
 *     .grant("billing", Store.class)
 *     .config("billing", Map.of("currency", "EUR"))
 *     .build();
 * }</pre>
 */
public final class GraftBuilder {

    private final List<PluginLoader> loaders = new ArrayList<>();
    private final HostModules.Builder hostModules = HostModules.builder();
    private final List<Class<?>> contracts = new ArrayList<>();
    private final List<Consumer<? super GraftEvent>> subscribers = new ArrayList<>();
    private boolean discoverLoaders = true;
    private Path pluginDirectory;
    private boolean watch;
    private Duration watchQuietPeriod = Duration.ofMillis(300);
    private Duration quiesceTimeout = Duration.ofSeconds(5);
    private Duration collectRetiredAfter = Lifecycle.DEFAULT_COLLECT_RETIRED_AFTER;
    private final List<PublicKey> trusted = new ArrayList<>();
    private boolean requireSignatures;

    GraftBuilder() {
    }

    /** Adds a loader, in addition to those found with {@link ServiceLoader} (unless turned off). */
    public GraftBuilder loader(PluginLoader loader) {
        loaders.add(loader);
        return this;
    }

    /** Whether to find loaders on the class path with {@link ServiceLoader}; on by default. */
    public GraftBuilder discoverLoaders(boolean discover) {
        this.discoverLoaders = discover;
        return this;
    }

    /**
     * Registers a contract interface up front. Needed for contracts that only non-JVM plugins
     * provide (their artifacts name the contract; the host's interface gives it its Java shape).
     */
    public GraftBuilder contract(Class<?> type) {
        ContractType.of(type); // fail here, not at build
        contracts.add(type);
        return this;
    }

    /** Loads every plugin in this folder when the runtime is built (all or nothing). */
    public GraftBuilder pluginDirectory(Path directory) {
        this.pluginDirectory = directory;
        return this;
    }

    /** Watches the plugin folder and reloads what changes in it. */
    public GraftBuilder watch(boolean watch) {
        this.watch = watch;
        return this;
    }

    /** How long an artifact must stay unchanged before the watcher acts on it; 300 ms by default. */
    public GraftBuilder watchQuietPeriod(Duration quietPeriod) {
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("expected a quiet period of zero or more, found " + quietPeriod);
        }
        this.watchQuietPeriod = quietPeriod;
        return this;
    }

    /**
     * How long a retired version whose loader proves through the garbage collector that no call
     * runs in it (a native library) may wait for that proof before Graft asks the JVM for a
     * whole-heap collection ({@code System.gc()}); 10 s by default. One request tries every
     * version retired since the last; a version a parked call pins is asked for again at doubling
     * pauses, up to 5 minutes apart; {@code close} always asks. {@code Duration.ZERO} retires each
     * version at once (a collection per reload: tests, development loops); a host that never wants
     * an explicit collection may give a long duration. docs/native-plugins.md, "Why unmapping is
     * safe", says why.
     */
    public GraftBuilder collectRetiredAfter(Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("expected a pause of zero or more, found " + pause);
        }
        this.collectRetiredAfter = pause;
        return this;
    }

    /** How long a reload that hands state over waits for calls in flight; 5 s by default. */
    public GraftBuilder quiesceTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("expected a positive quiesce timeout, found " + timeout);
        }
        this.quiesceTimeout = timeout;
        return this;
    }

    /**
     * Registers a host module: its interface (annotated {@code @HostModule}) and a factory that
     * makes its implementation for each plugin version that imports it, from what the runtime
     * knows of that version (wasmtime's getters: any implementation will do, so modules written
     * apart compose without a shared host type). Plugins get it only if it is granted to them.
     *
     * @throws IllegalArgumentException if the type is not a host module interface, or a module of
     *                                  the same name and major version is registered already (the
     *                                  message names both); use {@link #shadowHostModule} to replace one
     */
    public <M> GraftBuilder hostModule(Class<M> type, HostModuleFactory<? extends M> factory) {
        hostModules.register(type, factory);
        return this;
    }

    /**
     * Replaces the registered host module of the same name and major version (a built-in, or one
     * registered before) with this one. Its grants stay as they were.
     *
     * @throws IllegalArgumentException if the type is not a host module interface, or no module of
     *                                  its name and major version is registered
     */
    public <M> GraftBuilder shadowHostModule(Class<M> type, HostModuleFactory<? extends M> factory) {
        hostModules.shadow(type, factory);
        return this;
    }

    /**
     * Grants host modules to one plugin (by id, whatever its version): it may import them.
     * A grant names a module by name and major version; {@link #build} checks it is registered.
     *
     * @throws IllegalArgumentException if the id is malformed or a type is not a host module interface
     */
    public GraftBuilder grant(String pluginId, Class<?>... modules) {
        hostModules.grant(PluginManifest.checkId(pluginId), modules);
        return this;
    }

    /** Grants host modules to every plugin, as the built-ins are by default. */
    public GraftBuilder grantToAll(Class<?>... modules) {
        hostModules.grantToAll(modules);
        return this;
    }

    /**
     * Takes back a grant to every plugin, for example a built-in's: {@code revokeFromAll(Config.class)}
     * then {@code grant("trusted", Config.class)} gives configuration to one plugin only.
     *
     * @throws IllegalArgumentException if a module was not granted to every plugin
     */
    public GraftBuilder revokeFromAll(Class<?>... modules) {
        hostModules.revokeFromAll(modules);
        return this;
    }

    /**
     * Sets key/values of one plugin's configuration, which its {@code graft.config} module reads
     * (and every host module's factory sees). Calling it again for the same plugin adds to it; a
     * key given again takes the new value.
     *
     * @throws IllegalArgumentException if the id is malformed, or a key or value is null
     */
    public GraftBuilder config(String pluginId, Map<String, String> values) {
        hostModules.config(PluginManifest.checkId(pluginId), values);
        return this;
    }

    /**
     * Trusts these Ed25519 public keys: an artifact with a signature file ({@code ARTIFACT.sig},
     * written by {@code graft sign}) is loaded only if one of them signed every byte of it, checked
     * on Graft's private copy before any of its code runs. See docs/operations.md, "Signed plugins".
     *
     * @throws IllegalArgumentException if a key is not an Ed25519 key (at {@link #build})
     */
    public GraftBuilder trust(PublicKey... keys) {
        trusted.addAll(List.of(keys));
        return this;
    }

    /**
     * Trusts the Ed25519 public keys in these PEM files ({@code graft keygen} writes one;
     * {@code openssl pkey -pubout} too).
     *
     * @throws IllegalArgumentException if a file is not a PEM Ed25519 public key (the message says what it holds)
     */
    public GraftBuilder trust(Path... publicKeyFiles) {
        for (Path file : publicKeyFiles) {
            trusted.add(Ed25519Keys.readPublic(file));
        }
        return this;
    }

    /**
     * Refuses every artifact without a signature file by a trusted key (with {@link #trust}; without
     * it, only signatures that are there are checked). Off by default.
     *
     * @throws IllegalArgumentException at {@link #build} if no key is trusted
     */
    public GraftBuilder requireSignatures(boolean require) {
        this.requireSignatures = require;
        return this;
    }

    /** Subscribes to events from the start, so the first loads are seen too. */
    public GraftBuilder subscribe(Consumer<? super GraftEvent> subscriber) {
        subscribers.add(subscriber);
        return this;
    }

    Duration watchQuietPeriod() {
        return watchQuietPeriod;
    }

    /**
     * Builds the runtime, loads the plugin folder if one was given and starts watching it if asked.
     *
     * @throws PluginException          if loading the folder fails (nothing stays loaded then)
     * @throws IllegalArgumentException if a host module is granted but not registered, or signatures
     *                                  are required but no key is trusted
     */
    public Graft build() {
        HostModules modules = hostModules.build();
        TrustedKeys trust = new TrustedKeys(trusted, requireSignatures);
        List<PluginLoader> all = new ArrayList<>(loaders);
        if (discoverLoaders) {
            for (PluginLoader found : ServiceLoader.load(PluginLoader.class, GraftBuilder.class.getClassLoader())) {
                if (all.stream().noneMatch(l -> l.kind().equals(found.kind()))) {
                    all.add(found);
                }
            }
        }
        if (watch && pluginDirectory == null) {
            throw new IllegalStateException("expected a plugin directory to watch, found none; call pluginDirectory(...)");
        }
        Events events = new Events();
        subscribers.forEach(events::subscribe);
        Lifecycle lifecycle = new Lifecycle(all, events, quiesceTimeout, modules, new HandleTable(), collectRetiredAfter, trust);
        contracts.forEach(c -> lifecycle.registerContract(ContractType.of(c)));
        Graft graft = new Graft(this, lifecycle, events);
        try {
            if (watch) {
                graft.watch(pluginDirectory); // loads what is there on its first tick, tolerating failures
            } else if (pluginDirectory != null) {
                graft.loadAll(pluginDirectory);
            }
        } catch (RuntimeException e) {
            graft.close();
            throw e;
        }
        return graft;
    }
}
