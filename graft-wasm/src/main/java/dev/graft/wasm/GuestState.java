package dev.graft.wasm;

import com.dylibso.chicory.runtime.Memory;
import dev.graft.core.state.BlockState;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;

/**
 * One wasm plugin version's view of its state: the host-owned block ({@link BlockState}, the C
 * struct of the declared shape) that every instance of the version's pool reaches through the
 * {@code graft.state} imports ({@link GraftState}). An offset is checked on every access (inside
 * the block, aligned to the value's width); a bad one ends the guest's call with a
 * {@link StateAccessFault}, which the pool reports as a {@link WasmTrapException}.
 *
 * <p>Loads are acquire reads and stores release writes (plain moves on x86 and cheap elsewhere,
 * never torn, and a value a call stored is seen whole by the next call that loads it, on any
 * thread); adds and compare-and-set are atomic read-modify-writes on the block, so concurrent calls
 * (several instances of one version, and of two versions sharing the block during a reload) lose
 * no update. Byte copies ({@code read}, {@code write}) are not atomic.
 *
 * <p>Why this is sound across threads: {@link #handOver} writes {@link #segment} on the reloading
 * thread in the version's start, after the core handed the state over and before any guest code of
 * the version runs (the first instance is made right after, on that thread) and before the version
 * is published; every call reaches guest code through the slot's volatile publication, so it sees
 * the segment. The block is closed ({@link #close}) only once the version drained (its calls are
 * counted, as every stateful version's), and freed when its last sharing version is closed; an
 * access to a freed block would be refused by FFM's shared arena, never read freed memory.
 */
final class GuestState implements AutoCloseable {

    private static final VarHandle I32 = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle I64 = ValueLayout.JAVA_LONG.varHandle();

    private final BlockState state;
    private final long size;
    private MemorySegment segment; // null until handed over

    GuestState(BlockState state) {
        this.state = state;
        this.size = state.layout().size();
    }

    BlockState state() {
        return state;
    }

    long size() {
        return size;
    }

    /** Called in the version's start: the core has handed the state over, so the block is there. */
    void handOver() {
        segment = state.segment();
    }

    @Override
    public void close() {
        state.close();
    }

    // ------------------------------------------------------------ the accesses, by width

    int loadI32(String function, long offset) {
        return (int) I32.getAcquire(at(function, offset, 4), offset);
    }

    long loadI64(String function, long offset) {
        return (long) I64.getAcquire(at(function, offset, 8), offset);
    }

    void storeI32(String function, long offset, int value) {
        I32.setRelease(at(function, offset, 4), offset, value);
    }

    void storeI64(String function, long offset, long value) {
        I64.setRelease(at(function, offset, 8), offset, value);
    }

    int addI32(String function, long offset, int delta) {
        return (int) I32.getAndAdd(at(function, offset, 4), offset, delta) + delta;
    }

    long addI64(String function, long offset, long delta) {
        return (long) I64.getAndAdd(at(function, offset, 8), offset, delta) + delta;
    }

    boolean casI32(String function, long offset, int expected, int value) {
        return I32.compareAndSet(at(function, offset, 4), offset, expected, value);
    }

    boolean casI64(String function, long offset, long expected, long value) {
        return I64.compareAndSet(at(function, offset, 8), offset, expected, value);
    }

    /**
     * Copies {@code len} bytes of the block at {@code offset} into guest memory at {@code ptr},
     * through {@code scratch} (the calling handle's, at least the state's size: no allocation).
     */
    void read(String function, long offset, long ptr, long len, Memory memory, byte[] scratch) {
        MemorySegment block = span(function, offset, len);
        int p = guestSpan(function, ptr, len, memory);
        int o = (int) (offset & 0xffff_ffffL); // span checked it lies in the block
        int n = (int) (len & 0xffff_ffffL);
        MemorySegment.copy(block, ValueLayout.JAVA_BYTE, o, scratch, 0, n);
        memory.write(p, scratch, 0, n);
    }

    /**
     * Copies {@code len} bytes of guest memory at {@code ptr} into the block at {@code offset},
     * through {@code scratch} (Chicory reads guest memory into a new array only; byte by byte into
     * a reused one allocates nothing, and a state's fields are a few bytes).
     */
    void write(String function, long offset, long ptr, long len, Memory memory, byte[] scratch) {
        MemorySegment block = span(function, offset, len);
        int p = guestSpan(function, ptr, len, memory);
        int o = (int) (offset & 0xffff_ffffL);
        int n = (int) (len & 0xffff_ffffL);
        for (int i = 0; i < n; i++) {
            scratch[i] = memory.read(p + i);
        }
        MemorySegment.copy(scratch, 0, block, ValueLayout.JAVA_BYTE, o, n);
    }

    // ------------------------------------------------------------ the checks

    /** The block, if {@code width} bytes at {@code offset} (an i32 from the guest) lie in it and are aligned to the width. */
    private MemorySegment at(String function, long offset, int width) {
        MemorySegment block = segment;
        if (block == null) {
            throw notHandedOver(function);
        }
        if (offset < 0 || offset > size - width || (offset & (width - 1)) != 0) {
            throw new StateAccessFault(function + " at offset " + Integer.toUnsignedString((int) offset) + ", width " + width
                    + ": expected an offset from 0 to " + (size - width) + ", a multiple of " + width + ", in the state of " + size
                    + " bytes, found " + Integer.toUnsignedString((int) offset)
                    + (offset >= 0 && offset <= size - width ? ", which is not a multiple of " + width : ", outside the state"));
        }
        return block;
    }

    /** The block, if {@code len} bytes at {@code offset} (i32s from the guest, read unsigned) lie in it. */
    private MemorySegment span(String function, long offset, long len) {
        MemorySegment block = segment;
        if (block == null) {
            throw notHandedOver(function);
        }
        long o = offset & 0xffff_ffffL;
        long n = len & 0xffff_ffffL;
        if (o + n > size) {
            throw new StateAccessFault(function + " at offset " + o + ", length " + n + ": expected bytes inside the state of "
                    + size + " bytes, found them ending at " + (o + n));
        }
        return block;
    }

    private static int guestSpan(String function, long ptr, long len, Memory memory) {
        long p = ptr & 0xffff_ffffL;
        long n = len & 0xffff_ffffL;
        long have = (long) memory.pages() * Memory.PAGE_SIZE;
        if (p + n > have) {
            throw new StateAccessFault(function + ": expected " + n + " bytes at guest address " + p + " inside the guest's memory of "
                    + have + " bytes, found them ending at " + (p + n));
        }
        return (int) p;
    }

    private static StateAccessFault notHandedOver(String function) {
        return new StateAccessFault(function + ": expected the state to be handed over before guest code uses it, found none yet");
    }

    /** Thrown by every graft.state function called while an instance is being initialised. */
    static StateAccessFault duringInitialisation(String function) {
        return new StateAccessFault(function + ": expected state accesses in contract calls, found one while the instance was "
                + "being initialised (its start function or _initialize), which runs once per instance, whenever the pool makes "
                + "one; keep initialisation to the instance's own memory");
    }
}
