package dev.graft.natives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** NUL-terminated strings a library hands out (descriptor fields, messages), read byte by byte up to a limit. */
final class CStrings {

    private CStrings() {
    }

    /** The bytes before the NUL, or empty if there is none within {@code limit} bytes. */
    static Optional<byte[]> read(MemorySegment pointer, int limit) {
        MemorySegment bytes = pointer.reinterpret(limit);
        for (int i = 0; i < limit; i++) {
            if (bytes.get(ValueLayout.JAVA_BYTE, i) == 0) {
                return Optional.of(bytes.asSlice(0, i).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        return Optional.empty();
    }

    /** Strict UTF-8, or empty if the bytes are not UTF-8. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
