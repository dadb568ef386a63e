package dev.graft.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import java.nio.ByteBuffer;

/**
 * What Chicory calls when a guest instance calls one host module function: the superclass of the
 * classes {@link HostFunctionGenerator} writes, which add the implementation and the straight-line
 * {@code apply}. These methods are the steps that code takes; public only for it, not an API.
 *
 * <p>One object per import per instance (cheap: three fields), bound to that instance's
 * {@link HostCalls} and the plugin version's implementation of the module.
 */
public abstract class HostFunctionHandle implements WasmFunctionHandle {

    /** What a handle is bound to, opaque to the generated subclass. */
    record Wiring(HostCalls calls, BoundHostFunction function, RecordAccess[] records) {
    }

    private final HostCalls calls;
    private final BoundHostFunction function;
    private final RecordAccess[] records;
    private final Lane lane;
    private final long[] word = new long[1]; // the result Chicory reads right away: reused, as the instance runs one call at a time

    /** @param wiring a {@link Wiring}: typed {@code Object} so the generated subclass names no package-private type */
    protected HostFunctionHandle(Object wiring) {
        Wiring w = (Wiring) wiring;
        this.calls = w.calls();
        this.function = w.function();
        this.records = w.records();
        this.lane = w.calls().lane();
    }

    /** Before any memory access: the guest instance calling (known from its first host call). */
    public final void bind(Instance instance) {
        calls.bind(instance);
    }

    /** The result pointer, the last i32 argument, checked to hold the result. */
    public final int out(long ptr) {
        return calls.span(ptr, function.signature().resultSize(), "where the result goes");
    }

    public final String string(long ptr, long len) {
        return calls.string(ptr, len);
    }

    public final byte[] bytes(long ptr, long len) {
        return calls.bytes(ptr, len);
    }

    public final ByteBuffer buffer(long ptr, long len) {
        return calls.buffer(ptr, len);
    }

    /** The record argument of parameter {@code param}, from its struct at {@code ptr}. */
    public final Object record(long ptr, int param) {
        return records[param].read(calls, ptr);
    }

    public final long[] ok() {
        return word(0);
    }

    public final long[] okI32(int value) {
        return word(Integer.toUnsignedLong(value));
    }

    public final long[] okBool(boolean value) {
        return word(value ? 1 : 0);
    }

    public final long[] okF32(float value) {
        return word(Integer.toUnsignedLong(Float.floatToRawIntBits(value)));
    }

    public final long[] okI64(int out, long value) {
        calls.writeI64(out, value);
        return word(0);
    }

    public final long[] okF64(int out, double value) {
        calls.writeF64(out, value);
        return word(0);
    }

    public final long[] okString(int out, String value) {
        calls.putBytesAt(out, HostCalls.utf8(value));
        return word(0);
    }

    public final long[] okBytes(int out, byte[] value) {
        calls.putBytesAt(out, value);
        return word(0);
    }

    public final long[] okBuffer(int out, ByteBuffer value) {
        calls.putBytesAt(out, HostCalls.copy(value));
        return word(0);
    }

    /** The record result, written into the struct at {@code out}; the record access is the result's (last in the array). */
    public final long[] okRecord(int out, Object value) {
        records[records.length - 1].write(calls, out, value);
        return word(0);
    }

    /** Whatever the call threw, as the guest's status word (see {@link HostCalls#failed}). */
    public final long[] failed(Throwable thrown) {
        return word((long) calls.failed(function, thrown) << 32);
    }

    /**
     * The status word to return, after making sure the deadline still stops the guest. The
     * watchdog interrupts a call's thread once; a host module that swallowed that interrupt (caught
     * an InterruptedException and went on) would leave a guest that loops afterwards running for
     * ever. So every host call ends by looking at its lane: a call the watchdog has claimed gets its
     * thread's interrupt back, and Chicory stops the guest at its next call or backward branch.
     * One volatile read per host call. Sound because only this thread holds the lane (the instance
     * runs in no other), and an interrupt set here is cleared with the watchdog's when the call
     * settles its expiry ({@link Lane#settleExpiry}).
     */
    private long[] word(long value) {
        if (lane.expired()) {
            interruptAgain();
        }
        word[0] = value;
        return word;
    }

    private static void interruptAgain() {
        if (!Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return function.describe() + " for " + function.versionLabel();
    }
}
