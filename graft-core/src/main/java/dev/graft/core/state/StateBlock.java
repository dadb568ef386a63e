package dev.graft.core.state;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host-owned state block: native memory holding one plugin's state as the C struct its guests
 * see, allocated and freed by the host, never by a plugin's library (so the block outlives the
 * library that wrote it, and a new version can take it over as it is).
 *
 * <p>Several versions of one plugin use one block while their shape stays the same: the live one,
 * and retiring ones whose calls are still in flight. Each holds a use ({@link #retain}); the block is
 * freed when the last use is released.
 *
 * <p>Why this is sound: the arena is shared (any thread may read and write the block), and it is
 * closed only by the release that takes the count to zero. A version releases its use only when it
 * is closed, which the core does after the version drained (no call of it runs, none can start), or
 * after a rolled-back reload that never published it. So when the arena closes, no version that
 * could touch the block is running; a {@code retain} after that is a bug in the runtime and throws
 * rather than resurrect freed memory.
 */
public final class StateBlock {

    private static final AtomicInteger LIVE = new AtomicInteger();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment segment;
    private final AtomicInteger uses = new AtomicInteger(1);

    /** A zeroed block of {@code size} bytes, aligned to at least 16 (any C scalar's alignment). */
    public StateBlock(long size, long alignment) {
        this.segment = arena.allocate(size, Math.max(16, alignment));
        LIVE.incrementAndGet();
    }

    public MemorySegment segment() {
        return segment;
    }

    /** Takes one more use of this block. */
    public StateBlock retain() {
        uses.getAndUpdate(n -> {
            if (n == 0) {
                throw new IllegalStateException("this state block was freed already: no version may take it over");
            }
            return n + 1;
        });
        return this;
    }

    /** Gives back one use; the last one frees the block. */
    public void release() {
        int left = uses.decrementAndGet();
        if (left == 0) {
            arena.close();
            LIVE.decrementAndGet();
        } else if (left < 0) {
            throw new IllegalStateException("this state block was released more often than it was taken");
        }
    }

    /** State blocks allocated and not freed yet, in this JVM: for leak tests (G3). */
    public static int live() {
        return LIVE.get();
    }
}
