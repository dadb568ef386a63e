package dev.graft.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * The conversions between Java values and the C ABI of graft.h, one small static method each.
 * {@link GuestCall} composes them into one method handle per contract method; the JIT inlines them
 * into the generated implementation.
 */
final class Marshal {

    /** graft_out_bytes: {@code const uint8_t *ptr; size_t len; uint32_t owned;}. */
    static final MemoryLayout OUT_BYTES = CStruct.of(ValueLayout.ADDRESS.withName("ptr"),
            ValueLayout.JAVA_LONG.withName("len"), ValueLayout.JAVA_INT.withName("owned"));
    static final long OUT_LEN = 8;
    static final long OUT_OWNED = 16;

    private Marshal() {
    }

    // ------------------------------------------------------------ arguments

    /** A String as NUL-terminated UTF-8 in the call's arena; a null as NULL. */
    static MemorySegment utf8(Arena arena, String text) {
        return text == null ? MemorySegment.NULL : arena.allocateFrom(text);
    }

    /** The length of {@link #utf8}'s bytes, without the NUL. */
    static long utf8Length(MemorySegment text) {
        return text.byteSize() == 0 ? 0 : text.byteSize() - 1;
    }

    /** A byte[] as itself, for critical functions: FFM passes the heap array's address, no copy. */
    static MemorySegment heapBytes(byte[] bytes) {
        return bytes == null ? MemorySegment.NULL : MemorySegment.ofArray(bytes);
    }

    /** A byte[] copied into the call's arena, for functions that may block (the GC may move the array). */
    static MemorySegment copiedBytes(Arena arena, byte[] bytes) {
        if (bytes == null) {
            return MemorySegment.NULL;
        }
        MemorySegment copy = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, copy, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return copy.asSlice(0, bytes.length);
    }

    /**
     * A ByteBuffer's remaining bytes: a direct buffer's own memory, never copied; a heap buffer's
     * array for critical functions; otherwise a copy. Its position does not move.
     */
    static MemorySegment buffer(Arena arena, ByteBuffer buffer, boolean critical) {
        if (buffer == null) {
            return MemorySegment.NULL;
        }
        if (buffer.isDirect() || critical) {
            return MemorySegment.ofBuffer(buffer);
        }
        MemorySegment copy = arena.allocate(Math.max(1, buffer.remaining()));
        copy.asByteBuffer().put(buffer.duplicate());
        return copy.asSlice(0, buffer.remaining());
    }

    /** The length half of a pointer-and-length pair. */
    static long length(MemorySegment bytes) {
        return bytes.byteSize();
    }

    /** A length as a C int, for plain C functions that take one ({@link PlainCall}). */
    static int intLength(MemorySegment bytes) {
        return Math.toIntExact(bytes.byteSize());
    }

    /** {@link #utf8Length} as a C int. */
    static int utf8IntLength(MemorySegment text) {
        return Math.toIntExact(utf8Length(text));
    }

    /** A record as a C struct in the call's arena. */
    static MemorySegment struct(RecordCodec codec, Arena arena, Object record) {
        MemorySegment struct = arena.allocate(codec.layout());
        codec.write(record, struct);
        return struct;
    }

    /** Zeroed memory for an out parameter. */
    static MemorySegment allocate(Arena arena, MemoryLayout layout) {
        return arena.allocate(layout);
    }

    static Arena openArena() {
        return Arena.ofConfined();
    }

    static void closeArena(Arena arena) {
        arena.close();
    }

    // ------------------------------------------------------------ results in the graft_result word

    static void unpackVoid(GuestFunction guest, long word) {
        if (word >>> 32 != 0) {
            throw guest.failure(word);
        }
    }

    static int unpackInt(GuestFunction guest, long word) {
        if (word >>> 32 != 0) {
            throw guest.failure(word);
        }
        return (int) word;
    }

    static float unpackFloat(GuestFunction guest, long word) {
        if (word >>> 32 != 0) {
            throw guest.failure(word);
        }
        return Float.intBitsToFloat((int) word);
    }

    static boolean unpackBoolean(GuestFunction guest, long word) {
        if (word >>> 32 != 0) {
            throw guest.failure(word);
        }
        return (word & 0xFF) != 0;
    }

    // ------------------------------------------------------------ results through an out pointer

    static long readLong(GuestFunction guest, long word, MemorySegment out) {
        unpackVoid(guest, word);
        return out.get(ValueLayout.JAVA_LONG, 0);
    }

    static double readDouble(GuestFunction guest, long word, MemorySegment out) {
        unpackVoid(guest, word);
        return out.get(ValueLayout.JAVA_DOUBLE, 0);
    }

    static Object readStruct(GuestFunction guest, RecordCodec codec, long word, MemorySegment out) {
        unpackVoid(guest, word);
        return codec.read(out);
    }

    static byte[] readBytes(GuestFunction guest, long word, MemorySegment out) {
        unpackVoid(guest, word);
        return takeBytes(guest, out);
    }

    static ByteBuffer readBuffer(GuestFunction guest, long word, MemorySegment out) {
        byte[] bytes = readBytes(guest, word, out);
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    /** A string result, decoded strictly: bytes that are not UTF-8 are refused, not replaced. */
    static String readString(GuestFunction guest, long word, MemorySegment out) {
        byte[] bytes = readBytes(guest, word, out);
        if (bytes == null) {
            return null;
        }
        try {
            return CStrings.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw guest.refused("returned a string that is not UTF-8: expected UTF-8 text, " + e.getMessage());
        }
    }

    /** A NUL-terminated string a plain C function returned; the library keeps it (it is not freed). */
    static String readCString(GuestFunction guest, MemorySegment text) {
        if (text.equals(MemorySegment.NULL)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = CStrings.read(text, 1 << 20).orElseThrow(() ->
                    guest.refused("returned a string with no NUL within 1 MiB: expected a NUL-terminated string, found none"));
        } finally {
            guest.fence(); // the string may lie in the library
        }
        return CStrings.utf8(bytes).orElseThrow(() ->
                guest.refused("returned a string that is not UTF-8: expected UTF-8 text, found bytes that are not"));
    }

    /** Copies a graft_out_bytes' bytes to the heap and releases them if the guest marked them owned. */
    private static byte[] takeBytes(GuestFunction guest, MemorySegment out) {
        MemorySegment ptr = out.get(ValueLayout.ADDRESS, 0);
        long len = out.get(ValueLayout.JAVA_LONG, OUT_LEN);
        boolean owned = out.get(ValueLayout.JAVA_INT, OUT_OWNED) != 0;
        if (ptr.equals(MemorySegment.NULL)) {
            return null;
        }
        try {
            if (len < 0 || len > Integer.MAX_VALUE - 8) {
                throw guest.refused("returned " + Long.toUnsignedString(len) + " bytes: expected at most "
                        + (Integer.MAX_VALUE - 8) + " (a Java array), found more");
            }
            return ptr.reinterpret(len).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            if (owned) {
                guest.release(ptr, len);
            } else {
                guest.fence(); // a static result lies in the library
            }
        }
    }
}
