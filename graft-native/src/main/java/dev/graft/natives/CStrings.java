package dev.graft.natives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text a library hands out: NUL-terminated strings (descriptor fields, messages), read byte by byte
 * up to a limit, and UTF-8 checked strictly.
 */
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

    /**
     * Strict UTF-8: bytes that are not UTF-8 are refused, not replaced.
     *
     * @throws IllegalArgumentException saying what was found, such as
     *                                  {@code found byte(s) ff at offset 2 of 4}; callers wrap it in
     *                                  their own typed exception (no lambda on the path that succeeds)
     */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, chars, true);
        if (result.isError()) {
            int at = in.position();
            StringBuilder found = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                found.append(String.format("%02x ", bytes[i]));
            }
            throw new IllegalArgumentException("found byte(s) " + found.toString().strip() + " at offset " + at + " of " + bytes.length);
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }
}
