package dev.graft.polyglot;

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

    /** @param state its state, or null when it declares none */
    PolyglotPlugin(String label, ContextPool pool, List<Provision> provisions, ScriptState state) {
        this.label = label;
        this.pool = pool;
        this.provisions = List.copyOf(provisions);
        this.state = state;
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

    /** Closes the idle contexts; calls in flight close theirs when they return ({@link ContextPool}). */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * False: calls are not counted. Closing the pool is safe while calls run in it (see
     * {@link ContextPool}), so the version is closed as soon as its successor is published, and a
     * call in flight finishes in its context and closes it.
     */
    @Override
    public boolean drainBeforeStop() {
        return false;
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
