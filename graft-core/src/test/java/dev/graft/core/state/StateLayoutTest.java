package dev.graft.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateLayoutTest {

    @Test
    void fieldsAreLaidOutAsACCompilerLaysOutTheStruct() {
        // struct { bool on; int64_t total; uint16_t letter; char name[5]; struct { float x; double y; } at; int8_t last; }
        StateLayout layout = StateLayout.of(StateText.parse(
                "on: bool; total: i64; letter: u16; name: char[5]; at: struct{x: f32; y: f64}; last: i8"));
        assertEquals(0, layout.offsetOf("on"));
        assertEquals(8, layout.offsetOf("total"));
        assertEquals(16, layout.offsetOf("letter"));
        assertEquals(18, layout.offsetOf("name"));
        assertEquals(24, layout.offsetOf("at"));
        assertEquals(24, layout.offsetOf("at.x"));
        assertEquals(32, layout.offsetOf("at.y"));
        assertEquals(40, layout.offsetOf("last"));
        assertEquals(48, layout.size());
        assertEquals(8, layout.alignment());
    }

    @Test
    void aBlockReadsBackWhatWasWrittenAndPaddingIsZero() {
        StateLayout layout = StateLayout.of(StateText.parse(
                "on: bool; total: i64; letter: u16; name: char[5]; digest: u8[3]; at: struct{x: f32; y: f64}"));
        Map<String, Object> value = Map.of("on", true, "total", -5L, "letter", 'é', "name", "héllo".substring(0, 4),
                "digest", new byte[] {1, 2, 3}, "at", Map.of("x", 1.5f, "y", -2.25));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(layout.size(), 16);
            block.fill((byte) 0x55);
            layout.write(value, block);
            Map<String, Object> back = layout.read(block);
            assertEquals(true, back.get("on"));
            assertEquals(-5L, back.get("total"));
            assertEquals('é', back.get("letter"));
            assertEquals("héll", back.get("name"));
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) back.get("digest"));
            assertEquals(Map.of("x", 1.5f, "y", -2.25), back.get("at"));
            assertEquals(0, block.get(ValueLayout.JAVA_BYTE, 1), "padding after 'on' is zeroed");
        }
    }

    @Test
    void aTextLongerThanItsArrayIsCutAndAnExactOneHasNoNul() {
        StateLayout layout = StateLayout.of(StateText.parse("name: char[4]"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(layout.size(), 16);
            layout.write(Map.of("name", "abcdef"), block);
            assertEquals("abcd", layout.read(block).get("name"));
        }
    }

    @Test
    void typesABlockCannotHoldAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateLayout.of(StateText.parse("count: i64; at: struct{label: str}")));
        assertTrue(e.getMessage().contains("found at.label: str"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StateLayout.of(StateText.parse("count: i64?")));
        assertTrue(e.getMessage().contains("nullable scalars are for JVM state only"), e.getMessage());
    }

    @Test
    void blocksAreFreedWithTheirLastUse() {
        int before = StateBlock.live();
        StateBlock block = new StateBlock(8, 8);
        block.retain();
        block.release();
        assertEquals(before + 1, StateBlock.live());
        block.release();
        assertEquals(before, StateBlock.live());
        IllegalStateException e = assertThrows(IllegalStateException.class, block::retain);
        assertTrue(e.getMessage().contains("freed already"), e.getMessage());
    }
}
