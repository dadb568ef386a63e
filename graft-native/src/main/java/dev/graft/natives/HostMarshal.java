package dev.graft.natives;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The conversions of a host module call from a native guest, one small static method each, the
 * mirror of {@link Marshal}: arguments come in as C values and become Java values, results go out
 * through the graft_result word or the guest's result pointer. {@link HostCall} composes them into
 * one upcall target per function.
 *
 * <p>Arguments are copied: the guest's memory is valid during the call only, and a host module may
 * keep what it is given. String and bytes results are {@code malloc}'ed for the guest, which frees
 * them ({@code graft_out_free}): the host cannot know when the guest is done with them.
 */
final class HostMarshal {

    /** The largest string or bytes a guest may pass: a Java array's. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final MethodHandle MALLOC = GuestCall.LINKER.downcallHandle(
            GuestCall.LINKER.defaultLookup().find("malloc").orElseThrow(() -> new ExceptionInInitializerError(
                    "expected the C library's malloc in the native linker's default lookup, found none")),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private HostMarshal() {
    }

    // ------------------------------------------------------------ arguments

    /** {@code const char *s, size_t s_len} as a String, UTF-8 checked; {@code (NULL, 0)} is null. */
    static String string(MemorySegment ptr, long len) {
        byte[] bytes = bytes(ptr, len);
        if (bytes == null) {
            return null;
        }
        try {
            return CStrings.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new NativeArgumentException("expected UTF-8 text, " + e.getMessage());
        }
    }

    /** {@code const uint8_t *b, size_t b_len} as a copy; {@code (NULL, 0)} is null. */
    static byte[] bytes(MemorySegment ptr, long len) {
        if (ptr.equals(MemorySegment.NULL)) {
            if (len != 0) {
                throw new NativeArgumentException("expected (NULL, 0) for a null argument, found NULL with a length of "
                        + Long.toUnsignedString(len));
            }
            return null;
        }
        if (len < 0 || len > MAX_BYTES) {
            throw new NativeArgumentException("expected a length of at most " + MAX_BYTES + " bytes (a Java array), found "
                    + Long.toUnsignedString(len));
        }
        return ptr.reinterpret(len).toArray(ValueLayout.JAVA_BYTE);
    }

    /** A ByteBuffer over a copy of the bytes. */
    static ByteBuffer buffer(MemorySegment ptr, long len) {
        byte[] bytes = bytes(ptr, len);
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** A struct passed by value as its record. */
    static Object struct(RecordCodec codec, MemorySegment struct) {
        return codec.read(struct);
    }

    // ------------------------------------------------------------ results in the graft_result word

    static long packInt(int value) {
        return Integer.toUnsignedLong(value);
    }

    static long packFloat(float value) {
        return Integer.toUnsignedLong(Float.floatToRawIntBits(value));
    }

    static long packBoolean(boolean value) {
        return value ? 1 : 0;
    }

    // ------------------------------------------------------------ results through the guest's pointer

    static long writeLong(long value, MemorySegment out) {
        target(out, Long.BYTES, "an int64_t").set(ValueLayout.JAVA_LONG, 0, value);
        return 0;
    }

    static long writeDouble(double value, MemorySegment out) {
        target(out, Double.BYTES, "a double").set(ValueLayout.JAVA_DOUBLE, 0, value);
        return 0;
    }

    static long writeStruct(RecordCodec codec, Object record, MemorySegment out) {
        MemorySegment struct = target(out, codec.layout().byteSize(), "a " + codec.type().getSimpleName() + " struct");
        if (record == null) {
            throw new NullPointerException("host module returned null for a " + codec.type().getSimpleName()
                    + ": a C struct is a value and cannot be null");
        }
        codec.write(record, struct);
        return 0;
    }

    static long writeString(String text, MemorySegment out) {
        return text == null ? writeNull(out) : writeBytes(text.getBytes(StandardCharsets.UTF_8), out, true);
    }

    static long writeBytes(byte[] bytes, MemorySegment out) {
        return bytes == null ? writeNull(out) : writeBytes(bytes, out, false);
    }

    static long writeBuffer(ByteBuffer buffer, MemorySegment out) {
        if (buffer == null) {
            return writeNull(out);
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return writeBytes(bytes, out, false);
    }

    /** Malloc'ed bytes, NUL-terminated for text, marked owned: the guest frees them. */
    private static long writeBytes(byte[] bytes, MemorySegment out, boolean text) {
        MemorySegment slot = target(out, Marshal.OUT_BYTES.byteSize(), "a graft_out_bytes");
        long size = bytes.length + (text ? 1 : 0);
        MemorySegment copy;
        try {
            copy = ((MemorySegment) MALLOC.invokeExact(Math.max(1, size))).reinterpret(Math.max(1, size));
        } catch (Throwable t) {
            throw new IllegalStateException("calling malloc failed", t);
        }
        if (copy.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc of " + size + " bytes for a host module's result failed");
        }
        MemorySegment.copy(bytes, 0, copy, ValueLayout.JAVA_BYTE, 0, bytes.length);
        if (text) {
            copy.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        }
        slot.set(ValueLayout.ADDRESS, 0, copy);
        slot.set(ValueLayout.JAVA_LONG, Marshal.OUT_LEN, bytes.length);
        slot.set(ValueLayout.JAVA_INT, Marshal.OUT_OWNED, 1);
        return 0;
    }

    private static long writeNull(MemorySegment out) {
        MemorySegment slot = target(out, Marshal.OUT_BYTES.byteSize(), "a graft_out_bytes");
        slot.fill((byte) 0);
        return 0;
    }

    /** The guest's result pointer, checked for NULL (the only check possible on a C pointer). */
    private static MemorySegment target(MemorySegment out, long size, String what) {
        if (out.equals(MemorySegment.NULL)) {
            throw new NativeArgumentException("expected a pointer to " + what + " for the result, found NULL");
        }
        return out.reinterpret(size);
    }
}
