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
    private final boolean holdsHandles;

    /** @param holdsHandles whether its guest may hold handles during a call (see {@link #drainBeforeStop}) */
    WasmPlugin(String label, InstancePool pool, List<Provision> provisions, boolean holdsHandles) {
        this.label = label;
        this.pool = pool;
        this.provisions = List.copyOf(provisions);
        this.holdsHandles = holdsHandles;
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
     * Only for a version whose guest may hold handles: one that imports a host function through
     * which a 64-bit integer crosses ({@link ImportBinding#carriesLongs}). Retiring a version
     * releases its owned handles; a call still running in it would then find a handle it was just
     * given refused, an error caused by a reload (G1). Counting the calls (the core's two atomic
     * operations per call) lets retirement wait for them. Other versions are not counted, and their
     * call path stays two CASes (see {@link Lane}): {@link InstancePool#close} is safe while calls
     * are in flight.
     */
    @Override
    public boolean drainBeforeStop() {
        return holdsHandles;
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
