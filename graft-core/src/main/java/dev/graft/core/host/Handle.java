package dev.graft.core.host;

/**
 * The 64 bits of a handle, as a native or wasm guest holds it:
 *
 * <pre>
 *  63  62 ............ 32  31 ............. 0
 * [ 0 | generation (31) | slot index (32)   ]
 * </pre>
 *
 * <p>The slot index says where in the runtime's {@link HandleTable} the object is; the generation
 * says which use of that slot the handle was made for: each use of a slot gets the next
 * generation, from 1 up, so no (index, generation) pair is ever issued twice. The top bit is
 * always 0, so a handle reads as a positive {@code long} (and {@code i64}) and 0 is never one.
 *
 * <p>There is no owner in the bits: the slot itself records the plugin version it was issued to,
 * and every use compares it with the version asking. A tag of a few bits would collide after a few
 * thousand reloads, so it could not be trusted anyway; the slot's record cannot collide.
 */
public final class Handle {

    /** Never a live handle: a guest may use it for "no object". */
    public static final long NONE = 0L;

    /** The highest generation a slot can reach; a slot that has issued it is never used again. */
    public static final int MAX_GENERATION = Integer.MAX_VALUE;

    private Handle() {
    }

    static long of(int index, int generation) {
        return ((long) generation << 32) | (index & 0xFFFF_FFFFL);
    }

    /** The slot index, or a negative number for a value no slot has. */
    static int index(long handle) {
        return (int) handle;
    }

    /** The generation, or 0 or less for a value that was never issued. */
    static int generation(long handle) {
        return (int) (handle >>> 32);
    }

    /** {@code handle 0x0000000300000005 (slot 5, generation 3)}, for messages. */
    public static String describe(long handle) {
        return "handle 0x" + String.format("%016x", handle) + " (slot " + Integer.toUnsignedString(index(handle))
                + ", generation " + generation(handle) + ")";
    }
}
