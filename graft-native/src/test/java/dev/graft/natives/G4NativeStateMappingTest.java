package dev.graft.natives;

import static dev.graft.natives.StateFixtures.assertChange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateReport;
import dev.graft.core.state.StateText;
import dev.graft.core.testing.EventLog;
import dev.graft.natives.fixture.Blob;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4's mapping rules for native state blocks, each alone, with the Reloaded event's report: a
 * native plugin (src/test/c/state_shapes.c, one build per shape) gets a value written into its
 * block, the plugin is reloaded to a build of another shape, and the new block holds the mapped
 * value, byte for byte as the guest reads it back.
 */
class G4NativeStateMappingTest {

    /** The declarations of state_shapes.c's shapes, by number. */
    private static final Map<Integer, String> SHAPES = Map.ofEntries(
            Map.entry(1, "n: i32; keep: i64"), Map.entry(2, "n: i64; keep: i64"),
            Map.entry(3, "x: f32"), Map.entry(4, "x: f64"),
            Map.entry(5, "s: i16"), Map.entry(6, "s: i32"),
            Map.entry(7, "name: char[8]; raw: u8[4]"), Map.entry(8, "name: char[16]; raw: u8[8]"),
            Map.entry(9, "big: i64"), Map.entry(10, "big: i32"),
            Map.entry(11, "old: i32; kept: i32"), Map.entry(12, "kept: i32; added: i64"),
            Map.entry(13, "count: i64"), Map.entry(14, "total: i64 was count"),
            Map.entry(15, "flag: i8; origin: struct{x: i32; y: i32}"), Map.entry(16, "flag: i8; origin: struct{x: i32; y: i32; z: i64}"));

    @TempDir
    Path dir;

    /** What a reload from one shape to another did. */
    private record Mapped(Map<String, Object> state, StateReport report) {
    }

    /** Loads shape {@code from}, writes {@code value} into its block, reloads to shape {@code to}. */
    private Mapped reload(int from, Map<String, Object> value, int to) {
        EventLog events = new EventLog();
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Blob.class).subscribe(events).build()) {
            graft.load(Fixtures.copy("shape_" + from, dir, "shape-" + from + ".so"));
            Blob blob = graft.contract(Blob.class);
            StateLayout before = layout(from);
            byte[] bytes = new byte[(int) before.size()];
            before.write(value, MemorySegment.ofArray(bytes));
            blob.write(bytes);
            assertArrayEquals(bytes, blob.read());

            graft.reload("blob", Fixtures.copy("shape_" + to, dir, "shape-" + to + ".so"));
            StateReport report = events.await(GraftEvent.Reloaded.class, "blob").state();
            assertEquals(StateReport.Mode.MAPPED, report.mode());
            Map<String, Object> state = graft.state("blob").orElseThrow();
            assertEquals(text(layout(to).read(MemorySegment.ofArray(blob.read()))), text(state),
                    "the guest's block holds what the host mapped");
            return new Mapped(state, report);
        }
    }

    private static StateLayout layout(int shape) {
        return StateLayout.of(StateText.parse(SHAPES.get(shape)));
    }

    /** A value with byte arrays spelled out, for comparisons. */
    private static String text(Object value) {
        return switch (value) {
            case Map<?, ?> m -> m.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case byte[] b -> Arrays.toString(b);
            default -> String.valueOf(value);
        };
    }

    private static Map<String, Object> value(Object... keysAndValues) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            value.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return value;
    }

    @Test
    void i32WidenedToI64IsConverted() {
        Mapped m = reload(1, value("n", -123_456, "keep", Long.MAX_VALUE - 1), 2);
        assertEquals(-123_456L, m.state().get("n"));
        assertEquals(Long.MAX_VALUE - 1, m.state().get("keep"));
        assertChange(m.report(), "n", StateChange.Kind.CONVERTED, "i32", "i64");
        assertChange(m.report(), "keep", StateChange.Kind.KEPT, "i64", "i64");
        assertEquals("state mapped: n i32 -> i64, 1 kept", m.report().toString());
    }

    @Test
    void f32WidenedToF64IsConverted() {
        Mapped m = reload(3, value("x", 1.5f), 4);
        assertEquals(1.5d, m.state().get("x"));
        assertChange(m.report(), "x", StateChange.Kind.CONVERTED, "f32", "f64");
    }

    @Test
    void i16WidenedToI32IsConverted() {
        Mapped m = reload(5, value("s", (short) -300), 6);
        assertEquals(-300, m.state().get("s"));
        assertChange(m.report(), "s", StateChange.Kind.CONVERTED, "i16", "i32");
    }

    @Test
    void longerFixedArraysAreConverted() {
        Mapped m = reload(7, value("name", "grüßen", "raw", new byte[] {1, 2, 3, 4}), 8);
        assertEquals("grüßen", m.state().get("name"), "8 bytes of UTF-8 text, with no NUL in char[8], into char[16]");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}, (byte[]) m.state().get("raw"));
        assertChange(m.report(), "name", StateChange.Kind.CONVERTED, "char[8]", "char[16]");
        assertChange(m.report(), "raw", StateChange.Kind.CONVERTED, "u8[4]", "u8[8]");
    }

    @Test
    void i64NarrowedToI32IsReset() {
        Mapped m = reload(9, value("big", 5_000_000_000L), 10);
        assertEquals(0, m.state().get("big"));
        StateChange reset = assertChange(m.report(), "big", StateChange.Kind.RESET, "i64", "i32");
        assertEquals("i64 -> i32 is not a lossless widening", reset.detail());
    }

    @Test
    void newFieldStartsAtZeroAndDroppedFieldIsGone() {
        Mapped m = reload(11, value("old", 11, "kept", 22), 12);
        assertEquals("{kept=22, added=0}", text(m.state()));
        assertChange(m.report(), "old", StateChange.Kind.DROPPED, "i32", null);
        assertChange(m.report(), "added", StateChange.Kind.NEW, null, "i64");
        assertChange(m.report(), "kept", StateChange.Kind.KEPT, "i32", "i32");
    }

    @Test
    void renamedFieldKeepsItsValue() {
        Mapped m = reload(13, value("count", 99L), 14);
        assertEquals("{total=99}", text(m.state()));
        assertEquals("count", assertChange(m.report(), "total", StateChange.Kind.RENAMED, "i64", "i64").detail());
        assertTrue(m.report().change("count").isEmpty(), "a renamed field is not reported dropped: " + m.report());
    }

    @Test
    void fieldAddedToANestedStruct() {
        Mapped m = reload(15, value("flag", (byte) 1, "origin", value("x", 3, "y", -4)), 16);
        assertEquals("{flag=1, origin={x=3, y=-4, z=0}}", text(m.state()));
        assertChange(m.report(), "origin.z", StateChange.Kind.NEW, null, "i64");
        assertChange(m.report(), "origin.x", StateChange.Kind.KEPT, "i32", "i32");
        assertChange(m.report(), "origin.y", StateChange.Kind.KEPT, "i32", "i32");
    }
}
