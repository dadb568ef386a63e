package dev.graft.wasm;

import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.util.List;

/**
 * One linked wasm plugin version: its instance pool and a provider object per contract. Guest
 * initialisation (the start function, {@code _initialize}) runs while the version is prepared,
 * for the first instance, and for every later instance when it is made; wasm has no stop hook.
 */
final class WasmPlugin implements PreparedPlugin {

    private final String label;
    private final InstancePool pool;
    private final List<Provision> provisions;

    WasmPlugin(String label, InstancePool pool, List<Provision> provisions) {
        this.label = label;
        this.pool = pool;
        this.provisions = List.copyOf(provisions);
    }

    @Override
    public List<Provision> provisions() {
        return provisions;
    }

    @Override
    public void start() {
        // the first instance was initialised in prepare, so that its failure reads as a start failure with a precise message
    }

    @Override
    public void stop() {
    }

    /** Drops the instances; calls in flight finish in theirs, which are dropped when they return. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * No: calls into a wasm version are not counted (the call path stays two CASes, see
     * {@link Lane}); {@link InstancePool#close} is safe while calls are in flight.
     */
    @Override
    public boolean drainBeforeStop() {
        return false;
    }

    /** For tests: the pool, to watch instances being collected. */
    InstancePool pool() {
        return pool;
    }

    @Override
    public String toString() {
        return "WasmPlugin[" + label + "]";
    }
}
