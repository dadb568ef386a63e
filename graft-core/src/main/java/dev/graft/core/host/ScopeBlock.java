package dev.graft.core.host;

/**
 * A chunk of scoped handle slots, held by one thread at a time: the {@link ScopeStack} of its
 * {@link #holder} pushes into it and pops from it with plain reads and writes, no lock and no
 * allocation.
 *
 * <p>Why this is sound: only the holder reads or writes a slot's fields. Any other thread that
 * meets a handle of this block reads {@link #holder} alone (volatile), finds it is not the
 * holder, and refuses the handle without touching the slots. The holder changes only under the
 * table's lock, and only once the previous holder has ended: {@code isAlive()} returning false
 * orders everything that thread wrote before the lock's next holder reads it (JLS 17.4.4), and the
 * new holder takes the block under that same lock. A thread cannot see itself as holder of a
 * block it does not hold: it never held it before (blocks leave only dead threads), and a
 * volatile read never sees a write that has not happened.
 */
final class ScopeBlock implements Chunk {

    /** The index of this block's first slot. */
    final int base;
    /** The thread whose scopes use this block; null while it waits in the table's pool. */
    volatile Thread holder;
    // written and read by the holder only
    final Object[] targets = new Object[SIZE];
    final VersionHandles[] owners = new VersionHandles[SIZE];
    final int[] issued = new int[SIZE];

    ScopeBlock(int base) {
        this.base = base;
    }

    /**
     * The object a scoped handle names, checked against the version asking and the thread.
     *
     * @throws HandleException FOREIGN if the handle is of another thread's scope or another
     *                         version; UNKNOWN if never issued; RELEASED if its scope closed
     */
    Object target(int slot, int generation, long handle, VersionHandles asker) {
        Thread me = Thread.currentThread();
        Thread holding = holder;
        if (holding != me) {
            throw new HandleException(HandleException.Reason.FOREIGN, handle, "expected a scoped handle of a scope open on "
                    + "this thread (" + me.getName() + "), found " + Handle.describe(handle) + " of a scope on "
                    + (holding == null ? "a thread that has ended" : "thread " + holding.getName())
                    + "; scoped handles are valid only on the thread whose scope made them");
        }
        int issuedThere = issued[slot];
        if (generation > issuedThere) {
            throw new HandleException(HandleException.Reason.UNKNOWN, handle, "expected a handle this runtime issued, found "
                    + Handle.describe(handle) + ", which it never issued (that slot has issued "
                    + (issuedThere == 0 ? "none" : "generations 1 to " + issuedThere) + ")");
        }
        Object target = targets[slot];
        if (target == null || generation != issuedThere) {
            throw new HandleException(HandleException.Reason.RELEASED, handle, "expected a live handle of " + asker.label()
                    + ", found " + Handle.describe(handle) + ", a scoped handle whose scope has closed");
        }
        if (owners[slot] != asker) {
            throw new HandleException(HandleException.Reason.FOREIGN, handle, "expected a handle of " + asker.label()
                    + ", found " + Handle.describe(handle) + ", a scoped handle of " + owners[slot].label());
        }
        return target;
    }

    /** Empties every slot: the table does this, under its lock, once the holder has ended. */
    void clear() {
        java.util.Arrays.fill(targets, null);
        java.util.Arrays.fill(owners, null);
    }
}
