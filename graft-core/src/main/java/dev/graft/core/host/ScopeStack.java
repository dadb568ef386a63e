package dev.graft.core.host;

import java.util.Arrays;

/**
 * The scoped handles of one thread, last in first out, for every plugin version whose scopes the
 * thread opens. Pushing a handle takes a free slot of the thread's own blocks and writes three
 * array elements; closing a scope pops back to where it began. No lock and no allocation, except
 * when the thread needs another block (the table's lock) or its arrays grow.
 *
 * <p>Only its thread touches it (it lives in a {@link ThreadLocal} of the table, and
 * {@link Scope} checks the thread), so its fields need no synchronisation. It keeps no reference
 * to its table, so that a thread outliving a runtime does not keep the runtime's table alive
 * through its thread-local map.
 */
final class ScopeStack {

    final Thread thread;
    private int[] free = new int[Chunk.SIZE]; // slot indices ready for use, taken from the end
    private int freeCount;
    private int[] used = new int[Chunk.SIZE]; // slot indices in push order
    private int top;
    private long[] openScopes = new long[8]; // the id of the scope open at each depth (1 = outermost)
    private int depth;
    private long lastScopeId;

    ScopeStack() {
        this.thread = Thread.currentThread();
    }

    Scope open(VersionHandles owner) {
        if (depth + 1 == openScopes.length) {
            openScopes = Arrays.copyOf(openScopes, openScopes.length * 2);
        }
        openScopes[++depth] = ++lastScopeId;
        return new Scope(this, owner, depth, lastScopeId, top);
    }

    /** Whether the scope of this depth and id is still open (a closed outer scope closes those inside it). */
    boolean isOpen(int scopeDepth, long scopeId) {
        return scopeDepth <= depth && openScopes[scopeDepth] == scopeId;
    }

    int depth() {
        return depth;
    }

    /** Scoped handles live on this thread. */
    int size() {
        return top;
    }

    long push(HandleTable table, VersionHandles owner, Object target) {
        if (freeCount == 0) {
            refill(table);
        }
        int index = free[--freeCount];
        ScopeBlock block = table.scopeBlock(index);
        int slot = index & Chunk.MASK;
        int generation = ++block.issued[slot]; // a free slot has issued fewer than the table's highest generation
        block.targets[slot] = target;
        block.owners[slot] = owner;
        if (top == used.length) {
            used = Arrays.copyOf(used, used.length * 2);
        }
        used[top++] = index;
        return Handle.of(index, generation);
    }

    /** Releases the handles pushed since {@code mark}, newest first, and leaves {@code depthAfter} scopes open. */
    void popTo(HandleTable table, int mark, int depthAfter) {
        int max = table.maxGeneration();
        while (top > mark) {
            int index = used[--top];
            ScopeBlock block = table.scopeBlock(index);
            int slot = index & Chunk.MASK;
            block.targets[slot] = null;
            block.owners[slot] = null;
            if (block.issued[slot] < max) {
                free[freeCount++] = index; // room: every slot this stack holds fits in free
            } else {
                table.slotRetired(); // the wrap rule: never used again
            }
        }
        depth = depthAfter;
    }

    private void refill(HandleTable table) {
        int max = table.maxGeneration();
        while (freeCount == 0) {
            ScopeBlock block = table.takeBlock();
            if (free.length < top + freeCount + Chunk.SIZE) {
                free = Arrays.copyOf(free, Math.max(free.length * 2, top + freeCount + Chunk.SIZE));
            }
            for (int slot = Chunk.SIZE - 1; slot >= 0; slot--) { // lowest first
                if (block.issued[slot] < max) {
                    free[freeCount++] = block.base + slot;
                }
            }
        }
    }
}
