package dev.graft.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One Chicory instance of a plugin version, and the host's side of the memory convention
 * (docs/wasm-plugins.md) for calls into it. Single-threaded: only the caller holding its
 * {@link Lane} touches it. Public only for the generated providers, which call it; not an API.
 *
 * <p>Who frees what: string and byte arguments are written into a scratch buffer the host
 * allocated once with the guest's {@code graft_alloc} and reuses for every call (the guest
 * borrows them for the call, and must neither keep nor free them); an argument that does not fit
 * gets a buffer of its own, freed with {@code graft_free} at the start of the next call (after
 * the result was freed, so a bump allocator sees last-in first-out frees), and the scratch
 * buffer grows to fit. A string or byte result is allocated by the guest with its allocator
 * and handed to the host, which copies it out and frees it with {@code graft_free}; a record result
 * likewise, its strings first (last-in first-out: a guest allocates the struct, then its strings).
 */
public final class GuestInstance {

    private static final int MIN_SCRATCH = 256;
    private static final int MAX_ARGS = 32;

    private final Instance instance;
    private final Memory memory;
    /** The instance's memory, or null, as its compiled functions take it. */
    private final Memory compiledMemory;
    private final Machine machine;
    private final int[] functionIndices;
    private final ExportFunction[] functions;
    private final ExportFunction alloc;
    private final ExportFunction free;
    private final long[][] argArrays;
    private final long[] allocArgs = new long[1];
    private final long[] freeArgs = new long[2];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    // the scratch buffer in guest memory, and this call's use of it
    private int scratch;
    private int scratchEnd;
    private int cursor;
    private long needed;
    private int[] overflow = new int[4];
    private int overflowCount;
    // the result buffers this call took, freed together once the result is converted
    private int[] taken = new int[4];
    private int takenCount;

    /**
     * @param functionIndices the bound functions' indices in the module, called through the machine;
     *                        or null, and then {@code functions}, their exports
     */
    GuestInstance(Instance instance, int[] functionIndices, ExportFunction[] functions, ExportFunction alloc, ExportFunction free,
                  int maxArgs) {
        this.instance = instance;
        this.memory = alloc == null ? null : instance.memory();
        this.compiledMemory = instance.memory();
        this.machine = instance.getMachine();
        this.functionIndices = functionIndices;
        this.functions = functions;
        this.alloc = alloc;
        this.free = free;
        this.argArrays = new long[Math.min(maxArgs, MAX_ARGS) + 1][];
        for (int i = 0; i < argArrays.length; i++) {
            argArrays[i] = new long[i];
        }
    }

    /** The Chicory instance: the last argument of a compiled function ({@link CompiledFunctions}). */
    public Instance instance() {
        return instance;
    }

    /** The instance's memory (null if it has none): the argument before it. */
    public Memory compiledMemory() {
        return compiledMemory;
    }

    /**
     * Starts a call with {@code count} wasm arguments: the array to fill, reused from call to call
     * (Chicory copies arguments into the callee's frame and keeps no reference to the array).
     */
    public long[] args(int count) {
        takenCount = 0; // a call that failed while converting its result: its instance is gone anyway
        if (overflowCount != 0) {
            afterOverflow();
        }
        cursor = scratch;
        needed = 0;
        return scalarArgs(count);
    }

    /**
     * {@link #args} for a call whose parameters and result are all scalars: it puts nothing in
     * guest memory and takes nothing from it, so the bookkeeping of those is left as it is.
     */
    public long[] scalarArgs(int count) {
        return count < argArrays.length ? argArrays[count] : new long[count];
    }

    /**
     * Calls bound function {@code index}; its single result, or 0 when it returns nothing. Straight
     * into the machine, Chicory's cheapest public entry: {@code ExportFunction.apply} adds a call
     * through a lambda and a sweep of wasm GC objects, which only modules with GC types need.
     */
    public long call(int index, long[] args) {
        long[] results = functionIndices != null ? machine.call(functionIndices[index], args) : functions[index].apply(args);
        return results == null || results.length == 0 ? 0 : results[0];
    }

    // ------------------------------------------------------------ arguments

    public void putString(long[] args, int at, String value) {
        putBytes(args, at, notNull(value).getBytes(StandardCharsets.UTF_8));
    }

    public void putBytes(long[] args, int at, byte[] value) {
        int ptr = reserve(notNull(value).length);
        if (value.length > 0) {
            memory.write(ptr, value);
        }
        args[at] = ptr;
        args[at + 1] = value.length;
    }

    /** The bytes between position and limit; the buffer's position does not move. */
    public void putBuffer(long[] args, int at, ByteBuffer value) {
        int length = notNull(value).remaining();
        int ptr = reserve(length);
        if (length > 0) {
            if (value.hasArray()) {
                memory.write(ptr, value.array(), value.arrayOffset() + value.position(), length);
            } else {
                byte[] copy = new byte[length];
                value.get(value.position(), copy);
                memory.write(ptr, copy);
            }
        }
        args[at] = ptr;
        args[at + 1] = length;
    }

    // ------------------------------------------------------------ records as arguments

    /** Room for a struct argument in the scratch buffer; its address. */
    public int reserveRecord(int size, Object value) {
        notNull(value);
        return reserve(size);
    }

    public void writeI32(int addr, int value) {
        memory.writeI32(addr, value);
    }

    public void writeI64(int addr, long value) {
        memory.writeLong(addr, value);
    }

    public void writeF32(int addr, float value) {
        memory.writeF32(addr, value);
    }

    public void writeF64(int addr, double value) {
        memory.writeF64(addr, value);
    }

    public void writeBool(int addr, boolean value) {
        memory.writeByte(addr, (byte) (value ? 1 : 0));
    }

    /** A str field: the bytes in the scratch buffer, {ptr, len} at {@code addr}. */
    public void putStringAt(int addr, String value) {
        putBytesAt(addr, notNull(value).getBytes(StandardCharsets.UTF_8));
    }

    public void putBytesAt(int addr, byte[] value) {
        int ptr = reserve(notNull(value).length);
        if (value.length > 0) {
            memory.write(ptr, value);
        }
        memory.writeI32(addr, ptr);
        memory.writeI32(addr + 4, value.length);
    }

    public void putBufferAt(int addr, ByteBuffer value) {
        byte[] copy = new byte[notNull(value).remaining()];
        value.get(value.position(), copy);
        putBytesAt(addr, copy);
    }

    /** Arguments and record components must not be null: str, bytes and records have no null in the guest. */
    public static Object present(Object value) {
        if (value == null) {
            throw new NullPointerException("expected a value for every argument and record component of a wasm contract,"
                    + " found null (str, bytes and records have no null)");
        }
        return value;
    }

    private static <T> T notNull(T value) {
        present(value);
        return value;
    }

    // ------------------------------------------------------------ results

    public String takeString(long result) {
        return decode(take(result, "str"));
    }

    public byte[] takeBytes(long result) {
        return take(result, "bytes");
    }

    public ByteBuffer takeBuffer(long result) {
        return ByteBuffer.wrap(take(result, "bytes"));
    }

    /** A record result: checks the struct lies in memory, and frees it with the rest of the result. */
    public int takeRecord(long result, int size) {
        int ptr = (int) result;
        long end = Integer.toUnsignedLong(ptr) + size;
        if (ptr == 0 || end > memorySize()) {
            throw new AbiViolation("expected a record result of " + size + " bytes inside the guest's memory of "
                    + memorySize() + " bytes, found pointer " + Integer.toUnsignedString(ptr));
        }
        taken(ptr, size);
        return ptr;
    }

    public int readI32(int addr) {
        return memory.readInt(addr);
    }

    public long readI64(int addr) {
        return memory.readLong(addr);
    }

    public float readF32(int addr) {
        return memory.readFloat(addr);
    }

    public double readF64(int addr) {
        return memory.readDouble(addr);
    }

    public boolean readBool(int addr) {
        return memory.read(addr) != 0;
    }

    /** A str field of a record result: {ptr, len} at {@code addr}. */
    public String takeStringAt(int addr) {
        return decode(take(packedAt(addr), "str"));
    }

    public byte[] takeBytesAt(int addr) {
        return take(packedAt(addr), "bytes");
    }

    public ByteBuffer takeBufferAt(int addr) {
        return ByteBuffer.wrap(take(packedAt(addr), "bytes"));
    }

    /** Frees what the result took, last taken first. Called once the result is converted. */
    public void finish() {
        for (int i = takenCount - 2; i >= 0; i -= 2) {
            freeArgs[0] = taken[i];
            freeArgs[1] = taken[i + 1];
            free.apply(freeArgs);
        }
        takenCount = 0;
    }

    private long packedAt(int addr) {
        return Integer.toUnsignedLong(memory.readInt(addr)) | (long) memory.readInt(addr + 4) << 32;
    }

    private String decode(byte[] bytes) {
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new AbiViolation("expected a str result of UTF-8 text, found " + bytes.length + " bytes that are not ("
                    + e.getMessage() + ")");
        }
    }

    /** Copies a (length << 32 | pointer) result out of guest memory; freed by {@link #finish}. */
    private byte[] take(long result, String type) {
        int ptr = (int) result;
        int length = (int) (result >>> 32);
        if (length == 0) {
            return new byte[0];
        }
        long size = memorySize();
        long end = Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(length);
        if (end > size) {
            throw new AbiViolation("expected a " + type + " result inside the guest's memory of " + size
                    + " bytes, found pointer " + Integer.toUnsignedString(ptr) + " and length "
                    + Integer.toUnsignedString(length) + " (ending at " + end + ")");
        }
        byte[] bytes = memory.readBytes(ptr, length);
        taken(ptr, length);
        return bytes;
    }

    private void taken(int ptr, int length) {
        if (takenCount == taken.length) {
            taken = java.util.Arrays.copyOf(taken, takenCount * 2);
        }
        taken[takenCount++] = ptr;
        taken[takenCount++] = length;
    }

    private long memorySize() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    // ------------------------------------------------------------ the scratch buffer

    private int reserve(int length) {
        if (length == 0) {
            return 0;
        }
        int aligned = (length + 7) & ~7;
        needed += aligned;
        if (scratch != 0 && aligned <= scratchEnd - cursor) {
            int ptr = cursor;
            cursor += aligned;
            return ptr;
        }
        int ptr = allocate(length);
        if (overflowCount == overflow.length) {
            overflow = java.util.Arrays.copyOf(overflow, overflowCount * 2);
        }
        overflow[overflowCount++] = ptr;
        overflow[overflowCount++] = length;
        return ptr;
    }

    /** Frees the buffers of the last call's arguments that did not fit, and grows the scratch buffer so they would. */
    private void afterOverflow() {
        for (int i = overflowCount - 2; i >= 0; i -= 2) { // last allocated first
            freeArgs[0] = overflow[i];
            freeArgs[1] = overflow[i + 1];
            free.apply(freeArgs);
        }
        overflowCount = 0;
        int capacity = scratchEnd - scratch;
        long wanted = Math.max(Math.max(needed, 2L * capacity), MIN_SCRATCH);
        if (wanted > Integer.MAX_VALUE / 2) {
            return; // a call this large keeps using buffers of its own
        }
        if (scratch != 0) {
            freeArgs[0] = scratch;
            freeArgs[1] = capacity;
            free.apply(freeArgs);
            scratch = scratchEnd = 0;
        }
        int ptr = allocate((int) wanted);
        scratch = ptr;
        scratchEnd = ptr + (int) wanted;
    }

    private int allocate(int length) {
        allocArgs[0] = length;
        long[] r = alloc.apply(allocArgs);
        int ptr = r == null || r.length == 0 ? 0 : (int) r[0];
        long size = memorySize();
        if (ptr == 0) {
            throw new AbiViolation("expected graft_alloc(" + length + ") to return a buffer, found it returned 0 (out of memory?)");
        }
        if (Integer.toUnsignedLong(ptr) + length > size) {
            throw new AbiViolation("expected graft_alloc(" + length + ") to return a buffer inside the guest's memory of "
                    + size + " bytes, found pointer " + Integer.toUnsignedString(ptr));
        }
        return ptr;
    }
}
