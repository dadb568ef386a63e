package dev.graft.core.host;

/**
 * 64 consecutive slots of the {@link HandleTable}. A chunk is made for one kind of handle and
 * keeps it: owned slots are shared by every thread, a scope block belongs to one thread at a
 * time. So a slot index alone says which kind of handle it can hold.
 */
sealed interface Chunk permits OwnedSlots, ScopeBlock {

    int BITS = 6;
    int SIZE = 1 << BITS;
    int MASK = SIZE - 1;
}
