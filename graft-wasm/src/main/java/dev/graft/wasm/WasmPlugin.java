package dev.graft.wasm;

import dev.graft.core.InstanceStats;
import dev.graft.core.spi.PluginState;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.util.List;

/**
 * One linked wasm plugin version: its instance pool, a provider object per contract (and per
 * patched function), and its state
 * if it declares some. Guest initialisation (the start function, {@code _initialize}) runs for the
 * first instance while the version is prepared, or, for a version with state, in {@link #start},
 * after the core handed the state over; and for every later instance when it is made. Wasm has no
 * stop hook.
 */
final class WasmPlugin implements PreparedPlugin {

    private final String label;
    private final InstancePool pool;
    private final List<Provision> provisions;
    private final List<PatchBody> patches;
    private final boolean holdsHandles;
    private final GuestState state;

    /**
     * @param holdsHandles whether its guest may hold handles during a call (see {@link #drainBeforeStop})
     * @param state        its state, or null when it declares none
     */
    WasmPlugin(String label, InstancePool pool, List<Provision> provisions, List<PatchBody> patches, boolean holdsHandles,
               GuestState state) {
        this.label = label;
        this.pool = pool;
        this.provisions = List.copyOf(provisions);
        this.patches = List.copyOf(patches);
        this.holdsHandles = holdsHandles;
        this.state = state;
    }

    @Override
    public List<Provision> provisions() {
        return provisions;
    }

    /** The bodies of the patchable functions it patches: providers on the same pool as its contracts'. */
    @Override
    public List<PatchBody> patches() {
        return patches;
    }

    /**
     * Without state: nothing, the first instance was initialised in prepare, so that its failure
     * reads as a start failure with a precise message. With state: the core has handed the state
     * over (installed or shared); the instances get it, and the first one is made and initialised
     * now. A trap there refuses the load or reload (the core rolls back), and the state the version
     * had been given is released with it; the initialisation cannot have written it
     * ({@link HostCalls#checkInitialised}), so a shared block is as the old version left it.
     */
    @Override
    public void start() {
        if (state != null) {
            state.handOver();
            pool.warmUp();
        }
    }

    @Override
    public void stop() {
    }

    /**
     * Drops the instances; calls in flight finish in theirs, which are dropped when they return.
     * Gives back the version's use of its state block: the core closes a stateful version only
     * once it drained (its calls are counted), so no guest code of it can touch the block after.
     */
    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            if (state != null) { // no instance of this version runs any more, whatever close threw
                state.close();
            }
        }
    }

    /** Its state, for the core: null when it declares none. */
    @Override
    public PluginState state() {
        return state == null ? null : state.state();
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

    /** Its instances now, and how many were made and waited for (the pool counts on its slow paths only). */
    @Override
    public InstanceStats instances() {
        return pool.stats();
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
