package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginCallException;
import dev.graft.natives.fixture.Types;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-language type mapping of DESIGN.md, each type through a real C plugin (src/test/c/types.c), both ways. */
class NativeTypesTest {

    @TempDir
    static Path dir;

    static Graft graft;
    static Types types;

    @BeforeAll
    static void load() {
        graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Types.class).build();
        graft.load(Fixtures.copy("types", dir, "types.so"));
        types = graft.contract(Types.class);
    }

    @AfterAll
    static void close() {
        graft.close();
    }

    @Test
    void primitives() {
        assertEquals(5, types.add(2, 3));
        assertEquals(Integer.MIN_VALUE, types.add(Integer.MAX_VALUE, 1), "wraps like C");
        assertEquals(6_000_000_000L, types.multiply(3, 2_000_000_000L));
        assertEquals(1.25f, types.half(2.5f));
        assertEquals(7.5, types.scale(3.0, 2.5f));
        assertTrue(types.even(4));
        assertFalse(types.even(-3));
    }

    @Test
    void voidResultAndLibraryState() {
        int before = types.counter();
        types.bump(3);
        types.bump(4);
        assertEquals(before + 7, types.counter());
    }

    @Test
    void strings() {
        assertEquals("[héllo wörld ✓]", types.bracket("héllo wörld ✓"));
        assertEquals("[]", types.bracket(""));
        assertEquals("café ok", types.motto(), "a static string, not released");
        assertEquals("✓".getBytes(StandardCharsets.UTF_8).length, types.utf8Length("✓"), "UTF-8 bytes, NUL after them");
        assertEquals(-1, types.utf8Length(null), "a Java null arrives as NULL");
        assertNull(types.nothing(), "a NULL result is a Java null");
    }

    @Test
    void byteArraysAndBuffers() {
        assertArrayEquals(new byte[] {3, 2, 1}, types.reversed(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[0], types.reversed(new byte[0]));
        byte[] big = new byte[4096];
        java.util.Arrays.fill(big, (byte) 0xFF);
        assertEquals(4096 * 255, types.sum(big), "critical: the heap array is passed as it is");
        assertEquals(0, types.sum(null));

        ByteBuffer direct = ByteBuffer.allocateDirect(8).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).flip();
        direct.position(2);
        assertEquals(3 + 4 + 5 + 6 + 7 + 8, types.sumBuffer(direct), "a direct buffer's remaining bytes, not copied");
        assertEquals(2, direct.position(), "the position does not move");
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 9, 1});
        assertEquals(19, types.sumBuffer(heap), "a heap buffer is copied for a function that is not critical");
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 1, 2}), types.doubled(ByteBuffer.wrap(new byte[] {1, 2})));
    }

    @Test
    void recordsAsStructsByValue() {
        assertEquals(new Types.Point(11, 18), types.move(new Types.Point(1, 2), 10, 16));
        assertEquals(new Types.Mixed(false, 5.0, 84), types.twice(new Types.Mixed(true, 2.5, 42)), "padding as C lays it out");
        assertThrows(NullPointerException.class, () -> types.move(null, 1, 1));
    }

    @Test
    void guestFailureBecomesAnExceptionAndThePluginServesTheNextCall() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> types.fail(42));
        assertEquals(42, e.status());
        assertEquals("types", e.pluginId());
        assertEquals("test.native.types@1.0", e.contract());
        assertEquals("fail", e.function());
        assertEquals("fn fail(i32) -> i32", e.signature());
        assertInstanceOf(PluginCallException.class, e, "one catch serves every kind's failed call");
        assertEquals("plugin 'types' (" + graft.plugin("types").orElseThrow().label() + "), function fail: "
                + "contract test.native.types@1.0, fn fail(i32) -> i32 failed with status 42: asked to fail with 42", e.getMessage());
        assertEquals(5, types.add(2, 3), "still loaded, still serving");
    }

    @Test
    void stringThatIsNotUtf8IsRefused() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> types.notUtf8());
        assertTrue(e.getMessage().contains("fn notUtf8() -> str returned a string that is not UTF-8: expected UTF-8 text, "
                + "found byte(s) ff at offset 2 of 4"), e.getMessage());
        assertEquals("[ok]", types.bracket("ok"), "still serving");
    }

    @Test
    void implementationSaysWhatItIs() {
        assertTrue(graft.plugin("types").orElseThrow().kind().equals("native"));
    }
}
