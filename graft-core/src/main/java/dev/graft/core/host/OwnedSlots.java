package dev.graft.core.host;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A chunk of owned handle slots. Each slot holds an immutable {@link Entry}: the object, its owner
 * and its generation while live; the last generation issued once free.
 *
 * <p>Why this is sound without a lock on resolve: entries change only under the table's lock
 * (allocation, release, retirement), and each change replaces the whole entry with one volatile
 * write. A resolver reads the slot once, with one volatile read, and judges only that entry: it
 * sees a generation, an owner and an object that were issued together, or none. It may see an
 * entry that is released a moment later (the resolve happened first), never a mix of two uses of
 * the slot, so never another use's object.
 */
final class OwnedSlots implements Chunk {

    /** What a slot holds. {@code null} means never used: no generation issued yet. */
    sealed interface Entry permits Live, Free {
    }

    /** A live owned handle: issued at {@code generation} to {@code owner}. */
    record Live(int generation, VersionHandles owner, Object target) implements Entry {
    }

    /** A free slot that has issued generations 1 to {@code issued}; {@code lastOwner} held the last. */
    record Free(int issued, String lastOwner) implements Entry {
    }

    /** The index of this chunk's first slot. */
    final int base;
    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(SIZE);

    OwnedSlots(int base) {
        this.base = base;
    }

    /** The highest generation the slot has issued, 0 if none. */
    int issued(int slot) {
        return switch (entries.get(slot)) {
            case null -> 0;
            case Live live -> live.generation();
            case Free free -> free.issued();
        };
    }

    Entry entry(int slot) {
        return entries.get(slot);
    }

    /** Replaces a slot's entry: only under the table's lock. */
    void set(int slot, Entry entry) {
        entries.set(slot, entry);
    }

    /**
     * The live entry a handle names, checked against the version asking.
     *
     * @throws HandleException UNKNOWN if the slot never issued that generation, RELEASED if it has
     *                         been released since, FOREIGN if another plugin version holds it
     */
    Live live(int slot, int generation, long handle, VersionHandles asker) {
        Entry entry = entries.get(slot); // the one read everything below judges
        int issued = switch (entry) {
            case null -> 0;
            case Live live -> live.generation();
            case Free free -> free.issued();
        };
        if (generation > issued) {
            throw new HandleException(HandleException.Reason.UNKNOWN, handle, "expected a handle this runtime issued, found "
                    + Handle.describe(handle) + ", which it never issued (that slot has issued "
                    + (issued == 0 ? "none" : "generations 1 to " + issued) + ")");
        }
        if (!(entry instanceof Live live) || live.generation() != generation) {
            String of = entry instanceof Free free && free.issued() == generation ? " of " + free.lastOwner() : "";
            throw new HandleException(HandleException.Reason.RELEASED, handle, "expected a live handle of "
                    + asker.label() + ", found " + Handle.describe(handle) + ", an owned handle" + of
                    + " released since (the slot is at generation " + issued + " now)");
        }
        if (live.owner() != asker) {
            throw new HandleException(HandleException.Reason.FOREIGN, handle, "expected a handle of " + asker.label()
                    + ", found " + Handle.describe(handle) + ", an owned handle of " + live.owner().label());
        }
        return live;
    }
}
