package dev.graft.core.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The handle table of one runtime (wasmtime's rooting, for guests that cannot hold JVM
 * references): every handle any plugin version holds is a slot here, named by {@link Handle}'s
 * 64 bits. Each plugin version sees it through its {@link VersionHandles}.
 *
 * <p>One table for the runtime rather than one per version, so that a handle value names one slot
 * of one table, and that slot says which version it belongs to: a handle of another plugin, or
 * of another version of this one, is refused whatever its bits, and no tag in the bits has to be
 * unique.
 *
 * <p>The rules that make a handle impossible to alias:
 * <ul>
 *   <li>Each use of a slot gets the next generation, so no (index, generation) pair is issued
 *       twice. A slot that has issued the last generation ({@link Handle#MAX_GENERATION}, after
 *       two billion uses) is retired for good: it is never handed out again, and costs its few
 *       bytes for the rest of the runtime's life. Generations never wrap.</li>
 *   <li>A chunk of 64 slots is made for one kind, owned or scoped, and keeps it.</li>
 * </ul>
 *
 * <p>Owned slots are allocated, released and retired under one lock; resolving reads them without
 * it (see {@link OwnedSlots}). Scoped slots live in blocks held by one thread each and are pushed
 * and popped without a lock (see {@link ScopeBlock}, {@link ScopeStack}); the lock is taken only
 * when a thread needs another block.
 *
 * <p>Why retiring a version leaves nothing behind while its guests still make handles: the
 * version's {@code retired} flag is set under the lock, by the same critical section that then
 * frees its owned slots, and allocation checks the flag under that lock. An allocation either
 * came first, and its slot is freed by the sweep, or comes after, and is refused.
 */
public final class HandleTable {

    private static final int MAX_CHUNKS = 1 << (31 - Chunk.BITS);

    private final int maxGeneration;
    private final ReentrantLock lock = new ReentrantLock();
    // each element is set once, when its chunk is made; grown by copying into a bigger array published
    // with a volatile write, so a resolver needs one volatile read of the array and one of the element
    private volatile AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(16);
    private int chunkCount; // guarded by lock
    private final List<OwnedSlots> ownedChunks = new ArrayList<>(); // guarded by lock
    private int[] freeOwned = new int[Chunk.SIZE]; // guarded by lock; a stack of slot indices
    private int freeOwnedCount; // guarded by lock
    private final ArrayDeque<ScopeBlock> freeBlocks = new ArrayDeque<>(); // guarded by lock
    private final List<ScopeBlock> heldBlocks = new ArrayList<>(); // guarded by lock
    private int reclaimAt = 16; // guarded by lock
    private volatile int live; // written under lock
    private final AtomicInteger retiredSlots = new AtomicInteger();
    private final ThreadLocal<ScopeStack> stacks = ThreadLocal.withInitial(ScopeStack::new);

    public HandleTable() {
        this(Handle.MAX_GENERATION);
    }

    /** A table whose slots retire after {@code maxGeneration} uses: for tests of the wrap rule. */
    HandleTable(int maxGeneration) {
        if (maxGeneration < 1) {
            throw new IllegalArgumentException("expected a highest generation of 1 or more, found " + maxGeneration);
        }
        this.maxGeneration = maxGeneration;
    }

    /** The handles of a new plugin version; {@code label} names it in messages. */
    public VersionHandles open(String label) {
        return new VersionHandles(this, label);
    }

    /** Owned handles live in this table, every version together. */
    public int live() {
        return live;
    }

    /** Slots retired for good because they issued the last generation. */
    int retiredSlots() {
        return retiredSlots.get();
    }

    /** Scoped handles live on the calling thread, every version together. */
    int scopedOnThisThread() {
        return stacks.get().size();
    }

    /** Chunks of 64 slots made so far, owned and scoped. */
    int chunkCount() {
        lock.lock();
        try {
            return chunkCount;
        } finally {
            lock.unlock();
        }
    }

    int maxGeneration() {
        return maxGeneration;
    }

    ScopeStack stack() {
        return stacks.get();
    }

    // ---------------------------------------------------------------- owned handles

    long allocateOwned(VersionHandles owner, Object target) {
        lock.lock();
        try {
            owner.checkOpen();
            int index = takeOwnedSlot();
            OwnedSlots chunk = (OwnedSlots) chunks.get(index >>> Chunk.BITS);
            int slot = index & Chunk.MASK;
            int generation = chunk.issued(slot) + 1; // free slots have issued fewer than maxGeneration
            chunk.set(slot, new OwnedSlots.Live(generation, owner, target));
            owner.owned++;
            live++;
            return Handle.of(index, generation);
        } finally {
            lock.unlock();
        }
    }

    void releaseOwned(long handle, VersionHandles asker) {
        lock.lock();
        try {
            switch (chunkOf(handle, asker)) {
                case OwnedSlots chunk -> {
                    int slot = Handle.index(handle) & Chunk.MASK;
                    free(chunk, slot, chunk.live(slot, Handle.generation(handle), handle, asker));
                }
                case ScopeBlock block -> {
                    block.target(Handle.index(handle) & Chunk.MASK, Handle.generation(handle), handle, asker);
                    throw new HandleException(HandleException.Reason.WRONG_KIND, handle, "expected an owned handle to release, found "
                            + Handle.describe(handle) + ", a scoped handle: it is released when its scope closes");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases every owned handle of a version, and refuses its handles from now on. */
    void retire(VersionHandles owner) {
        lock.lock();
        try {
            owner.retired = true;
            for (OwnedSlots chunk : ownedChunks) {
                for (int slot = 0; slot < Chunk.SIZE; slot++) {
                    if (chunk.entry(slot) instanceof OwnedSlots.Live entry && entry.owner() == owner) {
                        free(chunk, slot, entry);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // guarded by lock
    private void free(OwnedSlots chunk, int slot, OwnedSlots.Live entry) {
        chunk.set(slot, new OwnedSlots.Free(entry.generation(), entry.owner().label()));
        if (entry.generation() < maxGeneration) {
            if (freeOwnedCount == freeOwned.length) {
                freeOwned = java.util.Arrays.copyOf(freeOwned, freeOwned.length * 2);
            }
            freeOwned[freeOwnedCount++] = chunk.base + slot;
        } else {
            retiredSlots.incrementAndGet(); // the wrap rule: never used again
        }
        entry.owner().owned--;
        live--;
    }

    // guarded by lock
    private int takeOwnedSlot() {
        if (freeOwnedCount == 0) {
            OwnedSlots chunk = (OwnedSlots) addChunk(OwnedSlots::new);
            ownedChunks.add(chunk);
            if (freeOwned.length < Chunk.SIZE) {
                freeOwned = new int[Chunk.SIZE];
            }
            for (int slot = Chunk.SIZE - 1; slot >= 0; slot--) { // lowest first
                freeOwned[freeOwnedCount++] = chunk.base + slot;
            }
        }
        return freeOwned[--freeOwnedCount];
    }

    // ---------------------------------------------------------------- scoped handles

    /** A block for the calling thread's scope stack: a free one, one a dead thread held, or a new one. */
    ScopeBlock takeBlock() {
        lock.lock();
        try {
            ScopeBlock block = freeBlocks.poll();
            if (block == null && heldBlocks.size() >= reclaimAt) {
                reclaimBlocksOfEndedThreads();
                block = freeBlocks.poll();
            }
            if (block == null) {
                block = (ScopeBlock) addChunk(ScopeBlock::new);
            }
            block.holder = Thread.currentThread();
            heldBlocks.add(block);
            return block;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes back the blocks of threads that have ended (a thread keeps its blocks while it lives,
     * so that opening a scope takes no lock). Scopes such a thread left open die with it. Runs
     * when the held blocks have doubled since the last time, so its cost per block stays constant.
     */
    // guarded by lock
    private void reclaimBlocksOfEndedThreads() {
        heldBlocks.removeIf(block -> {
            if (block.holder.isAlive()) {
                return false;
            }
            block.clear();
            block.holder = null;
            for (int slot = 0; slot < Chunk.SIZE; slot++) {
                if (block.issued[slot] < maxGeneration) {
                    freeBlocks.add(block);
                    break;
                }
            }
            return true;
        });
        reclaimAt = Math.max(16, heldBlocks.size() * 2);
    }

    void slotRetired() {
        retiredSlots.incrementAndGet();
    }

    ScopeBlock scopeBlock(int index) {
        return (ScopeBlock) chunks.get(index >>> Chunk.BITS);
    }

    // ---------------------------------------------------------------- both

    /** The object a handle names, checked against the version asking. Takes no lock. */
    Object resolve(long handle, VersionHandles asker) {
        int slot = Handle.index(handle) & Chunk.MASK;
        return switch (chunkOf(handle, asker)) {
            case OwnedSlots chunk -> chunk.live(slot, Handle.generation(handle), handle, asker).target();
            case ScopeBlock block -> block.target(slot, Handle.generation(handle), handle, asker);
        };
    }

    /** The chunk a handle's index falls in, after the checks that need no slot. */
    private Chunk chunkOf(long handle, VersionHandles asker) {
        if (asker.retired) {
            throw new HandleException(HandleException.Reason.RELEASED, handle, "expected a live handle of " + asker.label()
                    + ", found " + Handle.describe(handle) + " after that version was retired: all its handles were released");
        }
        int index = Handle.index(handle);
        int generation = Handle.generation(handle);
        if (generation <= 0 || index < 0) {
            throw new HandleException(HandleException.Reason.UNKNOWN, handle, "expected a handle this runtime issued, found "
                    + Handle.describe(handle) + ", a value no handle ever has");
        }
        AtomicReferenceArray<Chunk> all = chunks;
        int at = index >>> Chunk.BITS;
        Chunk chunk = at < all.length() ? all.get(at) : null;
        if (chunk == null) {
            throw new HandleException(HandleException.Reason.UNKNOWN, handle, "expected a handle this runtime issued, found "
                    + Handle.describe(handle) + ", a slot the table does not have");
        }
        return chunk;
    }

    // guarded by lock
    private Chunk addChunk(java.util.function.IntFunction<Chunk> make) {
        if (chunkCount == MAX_CHUNKS) {
            throw new IllegalStateException("expected room for another handle, found the table full ("
                    + ((long) MAX_CHUNKS << Chunk.BITS) + " slots)");
        }
        AtomicReferenceArray<Chunk> all = chunks;
        if (chunkCount == all.length()) {
            AtomicReferenceArray<Chunk> bigger = new AtomicReferenceArray<>(Math.min(MAX_CHUNKS, all.length() * 2));
            for (int i = 0; i < chunkCount; i++) {
                bigger.set(i, all.get(i));
            }
            all = bigger;
        }
        Chunk chunk = make.apply(chunkCount << Chunk.BITS);
        all.set(chunkCount++, chunk);
        chunks = all; // publishes a grown array; the chunk's own fields are final
        return chunk;
    }
}
