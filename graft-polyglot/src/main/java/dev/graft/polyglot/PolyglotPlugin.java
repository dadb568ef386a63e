package dev.graft.polyglot;

import dev.graft.core.InstanceStats;
import dev.graft.core.spi.PluginState;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.util.List;

/**
 * One linked JavaScript or Python plugin version: its context pool (the first context made and
 * evaluated while it was prepared) and a provider per contract. Script plugins have no start or
 * stop hook beyond their top level, which ran when the first context was evaluated.
 */
final class PolyglotPlugin implements PreparedPlugin {

    private final String label;
    private final ContextPool pool;
    private final List<Provision> provisions;
    private final ScriptState state;
    private final boolean usesHostModules;

    /**
     * @param state           its state, or null when it declares none
     * @param usesHostModules whether its guest reaches host modules (see {@link #drainBeforeStop})
     */
    PolyglotPlugin(String label, ContextPool pool, List<Provision> provisions, ScriptState state, boolean usesHostModules) {
        this.label = label;
        this.pool = pool;
        this.provisions = List.copyOf(provisions);
        this.state = state;
        this.usesHostModules = usesHostModules;
    }

    /** Its state, for the core: null when it declares none. */
    @Override
    public PluginState state() {
        return state;
    }

    @Override
    public List<Provision> provisions() {
        return provisions;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    /**
     * Closes the idle contexts; calls in flight close theirs when they return ({@link ContextPool}).
     * The core retires versions on virtual threads, and GraalVM warns on standard error, once per
     * engine, that contexts used on virtual threads are experimental on HotSpot (its option to
     * silence that is itself experimental): so the contexts are closed on a platform thread of
     * their own, and this waits for it, so that the version is closed when this returns.
     */
    @Override
    public void close() {
        if (!Thread.currentThread().isVirtual()) {
            pool.close();
            return;
        }
        Thread closer = Thread.ofPlatform().daemon().name("graft-polyglot-close " + label).start(pool::close);
        boolean interrupted = false;
        while (true) {
            try {
                closer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the close must finish either way: the retirer counts on it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True when the guest reaches host modules: retiring a version releases its owned handles and
     * refuses to make new ones, so a call still running in it (or making a context for it, whose
     * top level takes its handles again) would find its own handle refused, an error caused by a
     * reload (G1). Counting the calls (the core's two atomic operations per call) lets retirement
     * wait for them. Otherwise false, and calls are not counted: closing the pool is safe while
     * calls run in it (see {@link ContextPool}), so the version is closed as soon as its successor
     * is published, and a call in flight finishes in its context and closes it.
     */
    @Override
    public boolean drainBeforeStop() {
        return usesHostModules;
    }

    /** Its contexts now, and how many were made and waited for (the pool counts on its slow paths only). */
    @Override
    public InstanceStats instances() {
        return pool.stats();
    }

    /** For tests: the pool, to watch contexts being closed and collected. */
    ContextPool pool() {
        return pool;
    }

    @Override
    public String toString() {
        return "PolyglotPlugin[" + label + "]";
    }
}
