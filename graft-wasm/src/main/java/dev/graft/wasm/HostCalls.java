package dev.graft.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The host's side of the calls one guest instance makes into host modules: reading arguments
 * from its memory, writing results into it, and the instance's last failure, which the guest reads
 * with {@code graft.host.error_message} and passes on with {@code graft.host.fail}.
 *
 * <p>Who frees what (docs/wasm-plugins.md, "Host modules"): argument memory is the guest's; the
 * host copies what it reads during the call and keeps nothing. A str or bytes result the host
 * allocates in the guest with the guest's {@code graft_alloc} and hands over: from then on it is
 * the guest's, which frees it with {@code graft_free} (or keeps it). A result of length 0 is
 * {@code {0, 0}} and allocates nothing. If placing a result fails halfway (a record's second string
 * does not fit), the host frees what it had allocated for it, last first, before reporting the status.
 *
 * <p>Why no lock: one object per instance, made with it; it is reached only from guest code of that
 * instance, which runs only on the thread holding the instance's {@link Lane}, and the lane's CAS
 * pair orders one holder's use before the next's, as for the instance itself.
 */
final class HostCalls {

    private static final byte[] EMPTY = new byte[0];

    private final boolean allocator;
    private final Lane lane;
    private final long[] allocArgs = new long[1];
    private final long[] freeArgs = new long[2];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    // the instance, known from its first host call (which may come from its start function, before
    // the builder returns it)
    private Instance instance;
    private Memory memory;
    private ExportFunction alloc;
    private ExportFunction free;

    // true until the instance's start function and _initialize returned: graft.state refuses them
    private boolean initialising = true;

    // the last failed host call of this instance
    private int lastStatus;
    private String lastMessage = "";
    private Throwable lastError;

    /**
     * @param allocator whether some import returns str or bytes, so the module exports graft_alloc and graft_free
     * @param lane      the lane the instance runs in (an instance never leaves the lane that made it)
     */
    HostCalls(boolean allocator, Lane lane) {
        this.allocator = allocator;
        this.lane = lane;
    }

    /** The lane the instance runs in. */
    Lane lane() {
        return lane;
    }

    /** The instance's start function and {@code _initialize} have returned: contract calls may use the state. */
    void initialised() {
        initialising = false;
    }

    /**
     * Refuses a {@code graft.state} access from the instance's initialisation: it runs once per
     * instance, whenever the pool makes one (first use of a lane, after a trap), so what it wrote
     * into the shared state would be written a varying number of times; and a version that shares
     * its predecessor's block runs its first initialisation before it is published, where a write
     * followed by a failure would change the live version's state (G2).
     */
    void checkInitialised(String function) {
        if (initialising) {
            throw GuestState.duringInitialisation(function);
        }
    }

    void bind(Instance instance) {
        if (this.instance != instance) {
            this.instance = instance;
            this.memory = instance.memory();
            if (allocator) {
                this.alloc = instance.export(GuestModule.ALLOC);
                this.free = instance.export(GuestModule.FREE);
            }
        }
    }

    // ------------------------------------------------------------ arguments

    String string(long ptr, long len) {
        byte[] bytes = read(ptr, len, "str");
        for (byte b : bytes) {
            if (b < 0) {
                return decode(bytes);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1); // ASCII, the common case: valid UTF-8 as it is
    }

    /** Strict UTF-8, naming the first byte that is not. */
    private String decode(byte[] bytes) {
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        utf8.reset();
        CoderResult result = utf8.decode(in, chars, true);
        if (!result.isError()) {
            result = utf8.flush(chars);
        }
        if (result.isError()) {
            int at = in.position();
            StringBuilder found = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                found.append(found.isEmpty() ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
            }
            throw new HostCallRefusal(HostFailure.BAD_ARGUMENT, "expected UTF-8 text, found byte(s) " + found + " at offset "
                    + at + " of " + bytes.length);
        }
        return chars.flip().toString();
    }

    byte[] bytes(long ptr, long len) {
        return read(ptr, len, "bytes");
    }

    ByteBuffer buffer(long ptr, long len) {
        return ByteBuffer.wrap(read(ptr, len, "bytes"));
    }

    /** A copy of the guest's bytes at (ptr, len), both i32 read unsigned; (anything, 0) is empty. */
    private byte[] read(long ptr, long len, String type) {
        int p = (int) ptr;
        int n = (int) len;
        if (n == 0) {
            return EMPTY;
        }
        long end = Integer.toUnsignedLong(p) + Integer.toUnsignedLong(n);
        if (end > memorySize()) {
            throw new HostCallRefusal(HostFailure.BAD_ARGUMENT, "expected a " + type + " argument inside the guest's memory of "
                    + memorySize() + " bytes, found pointer " + Integer.toUnsignedString(p) + " and length "
                    + Integer.toUnsignedString(n) + " (ending at " + end + ")");
        }
        return memory.readBytes(p, n);
    }

    /** Checks that {@code size} bytes at {@code ptr} lie in the guest's memory; the address. */
    int span(long ptr, int size, String what) {
        int p = (int) ptr;
        if (p == 0) {
            throw new HostCallRefusal(HostFailure.BAD_ARGUMENT, "expected a pointer to " + what + " (" + size
                    + " bytes), found 0 (NULL)");
        }
        if (Integer.toUnsignedLong(p) + size > memorySize()) {
            throw new HostCallRefusal(HostFailure.BAD_ARGUMENT, "expected a pointer to " + what + " (" + size
                    + " bytes) inside the guest's memory of " + memorySize() + " bytes, found pointer " + Integer.toUnsignedString(p));
        }
        return p;
    }

    int readI32(int addr) {
        return memory.readInt(addr);
    }

    long readI64(int addr) {
        return memory.readLong(addr);
    }

    float readF32(int addr) {
        return memory.readFloat(addr);
    }

    double readF64(int addr) {
        return memory.readDouble(addr);
    }

    boolean readBool(int addr) {
        return memory.read(addr) != 0;
    }

    // ------------------------------------------------------------ results

    void writeI32(int addr, int value) {
        memory.writeI32(addr, value);
    }

    void writeI64(int addr, long value) {
        memory.writeLong(addr, value);
    }

    void writeF32(int addr, float value) {
        memory.writeF32(addr, value);
    }

    void writeF64(int addr, double value) {
        memory.writeF64(addr, value);
    }

    void writeBool(int addr, boolean value) {
        memory.writeByte(addr, (byte) (value ? 1 : 0));
    }

    /**
     * Writes {@code {ptr, len}} at {@code addr} for a copy of {@code value} in a buffer from the
     * guest's graft_alloc (null or empty: {@code {0, 0}}, nothing allocated); the buffer's
     * address, 0 if none was allocated.
     */
    int putBytesAt(int addr, byte[] value) {
        int length = value == null ? 0 : value.length;
        int ptr = 0;
        if (length > 0) {
            ptr = allocate(length);
            memory.write(ptr, value);
        }
        memory.writeI32(addr, ptr);
        memory.writeI32(addr + 4, length);
        return ptr;
    }

    static byte[] utf8(String value) {
        return value == null ? EMPTY : value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] copy(ByteBuffer value) {
        if (value == null) {
            return EMPTY;
        }
        byte[] copy = new byte[value.remaining()];
        value.get(value.position(), copy);
        return copy;
    }

    private int allocate(int length) {
        allocArgs[0] = length;
        long[] r;
        try {
            r = alloc.apply(allocArgs);
        } catch (RuntimeException | Error e) {
            throw new GuestReentryFault(e);
        }
        int ptr = r == null || r.length == 0 ? 0 : (int) r[0];
        if (ptr == 0) {
            throw new HostCallRefusal(HostFailure.HOST_FAILED, "expected graft_alloc(" + length + ") to return a buffer for the"
                    + " result, found it returned 0 (the guest's memory is full, or at the plugin's limit)");
        }
        if (Integer.toUnsignedLong(ptr) + length > memorySize()) {
            // the guest's allocator broke the convention: that ends the guest's call, as it would for a contract result
            throw new GuestReentryFault(new AbiViolation("expected graft_alloc(" + length + ") to return a buffer inside the"
                    + " guest's memory of " + memorySize() + " bytes, found pointer " + Integer.toUnsignedString(ptr)));
        }
        return ptr;
    }

    /** Gives back a buffer {@link #putBytesAt} allocated, when the rest of its result could not be placed. */
    void release(int ptr, int length) {
        freeArgs[0] = ptr;
        freeArgs[1] = length;
        try {
            free.apply(freeArgs);
        } catch (RuntimeException | Error e) {
            throw new GuestReentryFault(e);
        }
    }

    private long memorySize() {
        return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
    }

    // ------------------------------------------------------------ failures

    /**
     * The status for a failed host call, after keeping its message for the guest and logging it.
     * The guest's own faults while the host ran its code (see {@link GuestReentryFault}) are thrown
     * on instead: they end the guest's call. Throws nothing else.
     */
    int failed(BoundHostFunction function, Throwable thrown) {
        if (thrown instanceof GuestReentryFault fault) {
            throw unchecked(fault.getCause());
        }
        if (thrown instanceof GuestFailure guest) {
            throw guest; // graft.host.fail, called from the guest's graft_alloc
        }
        int code = HostFailure.HOST_FAILED;
        try {
            if (HostFailure.interrupted(thrown)) {
                Thread.currentThread().interrupt(); // the exception cleared it: set it again, for the host's own interrupt too
            }
            code = HostFailure.statusOf(thrown);
            String message = function.describe() + ": " + HostFailure.describe(thrown);
            lastStatus = code;
            lastMessage = message;
            lastError = thrown;
            HostFailure.log(function, code, message, thrown);
        } catch (Throwable ignored) {
            // the guest still gets its status; there is nothing more the host can safely do here
        }
        return code;
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // ------------------------------------------------------------ graft.host

    /**
     * {@code error_message(ptr, cap) -> len}: the message of this instance's last failed host call
     * (empty if none failed), UTF-8, cut at a character boundary to fit {@code cap - 1} bytes and
     * NUL-terminated; the bytes written, NUL excluded.
     */
    int errorMessage(long ptr, long cap) {
        int p = (int) ptr;
        long capacity = Integer.toUnsignedLong((int) cap);
        if (capacity == 0) {
            return 0;
        }
        if (Integer.toUnsignedLong(p) + capacity > memorySize()) {
            throw new AbiViolation("expected a buffer for graft.host.error_message inside the guest's memory of " + memorySize()
                    + " bytes, found pointer " + Integer.toUnsignedString(p) + " and capacity " + capacity);
        }
        byte[] bytes = lastMessage.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(bytes.length, capacity - 1);
        while (length > 0 && length < bytes.length && (bytes[length] & 0xC0) == 0x80) {
            length--; // a continuation byte: the character began before the cut
        }
        memory.write(p, bytes, 0, length);
        memory.writeByte(p + length, (byte) 0);
        return length;
    }

    /**
     * {@code fail(status, ptr, len)}: what to throw to end the guest's call with its status and
     * message; the cause is the last host failure's exception when the guest passes its status on.
     */
    GuestFailure fail(long status, long ptr, long len) {
        int s = (int) status == 0 ? HostFailure.FAILED : (int) status;
        int p = (int) ptr;
        int n = (int) len;
        long end = Integer.toUnsignedLong(p) + Integer.toUnsignedLong(n);
        if (n != 0 && end > memorySize()) {
            throw new AbiViolation("expected the message of graft.host.fail inside the guest's memory of " + memorySize()
                    + " bytes, found pointer " + Integer.toUnsignedString(p) + " and length " + Integer.toUnsignedString(n));
        }
        String message = n == 0 ? "" : new String(memory.readBytes(p, n), StandardCharsets.UTF_8);
        Throwable cause = lastError != null && lastStatus == s ? lastError : null;
        lastError = null;
        return new GuestFailure(s, message, cause);
    }
}
