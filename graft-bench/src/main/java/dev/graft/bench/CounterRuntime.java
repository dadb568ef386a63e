package dev.graft.bench;

import dev.graft.core.Graft;
import java.util.Map;

/**
 * A Graft runtime serving the benchmark plugin, set up outside the measured methods: the jars
 * written, version 1 loaded, the contract proxy taken once (as hosts are told to).
 */
final class CounterRuntime implements AutoCloseable {

    private final CounterJars jars;
    private final Graft graft;
    private final Counter counter;
    private boolean secondRunning; // touched by one reloading thread only

    private CounterRuntime(CounterJars jars, Graft graft) {
        this.jars = jars;
        this.graft = graft;
        this.counter = graft.contract(Counter.class);
    }

    /** Loads version 1; when {@code drained}, a version whose calls the runtime counts. */
    static CounterRuntime open(boolean drained) {
        return open(CounterJars.write(drained));
    }

    /** Loads version 1 of a plugin whose jars carry the {@code bundled} entries too. */
    static CounterRuntime openBundling(Map<String, byte[]> bundled) {
        return open(CounterJars.write(false, bundled));
    }

    private static CounterRuntime open(CounterJars jars) {
        try {
            Graft graft = Graft.builder().build();
            graft.load(jars.first());
            return new CounterRuntime(jars, graft);
        } catch (RuntimeException e) {
            jars.close();
            throw e;
        }
    }

    /** The contract proxy: every call reaches the live version. */
    Counter counter() {
        return counter;
    }

    /** The runtime, for what goes through it rather than through the proxy (calls by name). */
    Graft graft() {
        return graft;
    }

    /** Reloads the plugin with the version that is not running now: 2 after 1, 1 after 2. */
    void reloadOther() {
        secondRunning = !secondRunning;
        graft.reload(CounterJars.PLUGIN_ID, secondRunning ? jars.second() : jars.first());
    }

    @Override
    public void close() {
        try {
            graft.close();
        } finally {
            jars.close();
        }
    }
}
