package dev.graft.core.state;

import dev.graft.core.spi.PluginState;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The state of a native or wasm plugin version: a {@link StateBlock} laid out by its declared shape.
 * Its loader creates it while preparing the version, passes {@link #segment} to the guest once the
 * core handed the state over (before the guest's init), and closes it with the version.
 *
 * <p>A new version whose shape is the same as its predecessor's {@linkplain #share shares} the
 * predecessor's block: no copy, no quiesce, callers never wait. Calls of the old and the new version
 * then run against one block at once, exactly as concurrent calls of one version do (guests update
 * shared fields atomically, docs/state.md), so no update is lost. A shape change maps the block into
 * a new one at the quiesce point; the old block is only read.
 *
 * <p>Thread use: created, handed over and started on the reloading thread before the version is
 * published (publication orders these writes before every call's reads); closed by the retirer once
 * the version drained.
 */
public final class BlockState implements PluginState, AutoCloseable {

    private final StateLayout layout;
    private StateBlock block;

    public BlockState(StateLayout layout) {
        this.layout = layout;
    }

    public StateLayout layout() {
        return layout;
    }

    @Override
    public StateShape shape() {
        return layout.shape();
    }

    @Override
    public Map<String, Object> defaults() {
        return StateValues.zero(layout.shape());
    }

    @Override
    public Map<String, Object> read() {
        return layout.read(segment());
    }

    @Override
    public void install(Map<String, Object> value) {
        StateBlock fresh = new StateBlock(layout.size(), layout.alignment());
        try {
            layout.write(value, fresh.segment());
        } catch (RuntimeException e) {
            fresh.release();
            throw e;
        }
        replace(fresh);
    }

    @Override
    public boolean share(PluginState previous) {
        if (previous instanceof BlockState p && p.block != null && p.shape().sameLayout(shape())) {
            replace(p.block.retain());
            return true;
        }
        return false;
    }

    private void replace(StateBlock next) {
        if (block != null) {
            block.release();
        }
        block = next;
    }

    /**
     * The block, laid out as the generated struct.
     *
     * @throws IllegalStateException if the core has not handed this version its state yet
     */
    public MemorySegment segment() {
        StateBlock b = block;
        if (b == null) {
            throw new IllegalStateException("expected the state to be handed over before the guest runs, found no block yet");
        }
        return b.segment();
    }

    /** Gives back this version's use of its block. Idempotent. */
    @Override
    public void close() {
        if (block != null) {
            block.release();
            block = null;
        }
    }
}
