package dev.graft.core;

import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.reload.Lifecycle;
import dev.graft.core.spi.PluginLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** Configures a {@link Graft} runtime. Not thread-safe; the runtime it builds is. */
public final class GraftBuilder {

    private final List<PluginLoader> loaders = new ArrayList<>();
    private final List<Class<?>> contracts = new ArrayList<>();
    private final List<Consumer<? super GraftEvent>> subscribers = new ArrayList<>();
    private boolean discoverLoaders = true;
    private Path pluginDirectory;
    private boolean watch;
    private Duration watchQuietPeriod = Duration.ofMillis(300);
    private Duration quiesceTimeout = Duration.ofSeconds(5);

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

    /** How long a reload that hands state over waits for calls in flight; 5 s by default. */
    public GraftBuilder quiesceTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("expected a positive quiesce timeout, found " + timeout);
        }
        this.quiesceTimeout = timeout;
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
     * @throws PluginException if loading the folder fails (nothing stays loaded then)
     */
    public Graft build() {
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
        Lifecycle lifecycle = new Lifecycle(all, events, quiesceTimeout);
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
