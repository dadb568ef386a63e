package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateReport;
import dev.graft.core.state.StateText;
import dev.graft.wasm.fixture.Poke;
import dev.graft.wasm.fixture.StateGuests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4's mapping rules for wasm state blocks: a reload to another shape maps the old block field by
 * field into the new one, and the new guest finds each field where the new layout puts it; the
 * reload's event says what happened to each field.
 */
class G4WasmStateMappingTest {

    private static final String FROM = "a: i32; b: f32; text: char[8]; c: i64; e: i32; f: i64; origin: struct{x: f32; y: i32}";
    private static final String TO = "a: i64; b: f64; text: char[16]; c: i32; d: i32; g: i64 was f; origin: struct{x: f64; y: i64; z: i32}";

    @TempDir
    Path dir;

    private Path poke(String file, String version, String state) {
        long size = StateLayout.of(StateText.parse(state)).size();
        return Wat.write(dir, file, StateGuests.manifest("poke", version, "test.poke@1.0", state, size), StateGuests.POKE);
    }

    @Test
    void everyRuleMapsTheBlockAndTheEventSaysWhatHappened() {
        StateLayout from = StateLayout.of(StateText.parse(FROM));
        StateLayout to = StateLayout.of(StateText.parse(TO));
        Path v1 = poke("v1.wasm", "1.0.0", FROM);
        Path v2 = poke("v2.wasm", "2.0.0", TO);
        List<StateReport> reports = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder().contract(Poke.class).subscribe(e -> {
            if (e instanceof GraftEvent.Reloaded r) {
                reports.add(r.state());
            }
        }).build()) {
            graft.load(v1);
            Poke poke = graft.contract(Poke.class);
            poke.setI32((int) from.offsetOf("a"), -5);
            poke.setF32((int) from.offsetOf("b"), 1.5f);
            poke.setText((int) from.offsetOf("text"), "hello");
            poke.setI64((int) from.offsetOf("c"), 1L << 40);
            poke.setI32((int) from.offsetOf("e"), 7);
            poke.setI64((int) from.offsetOf("f"), 42);
            poke.setF32((int) from.offsetOf("origin.x"), 0.25f);
            poke.setI32((int) from.offsetOf("origin.y"), -3);

            graft.reload("poke", v2);

            Map<String, Object> origin = new LinkedHashMap<>();
            origin.put("x", 0.25);
            origin.put("y", -3L);
            origin.put("z", 0);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("a", -5L);
            expected.put("b", 1.5);
            expected.put("text", "hello");
            expected.put("c", 0);
            expected.put("d", 0);
            expected.put("g", 42L);
            expected.put("origin", origin);
            assertEquals(expected, graft.state("poke").orElseThrow());

            // the new guest finds each field at the new layout's offsets
            assertEquals(-5L, poke.getI64((int) to.offsetOf("a")));
            assertEquals(1.5, poke.getF64((int) to.offsetOf("b")));
            assertEquals("hello\0\0\0\0\0\0\0\0\0\0\0", poke.getText((int) to.offsetOf("text"), 16));
            assertEquals(42L, poke.getI64((int) to.offsetOf("g")));
            assertEquals(0.25, poke.getF64((int) to.offsetOf("origin.x")));
            assertEquals(-3L, poke.getI64((int) to.offsetOf("origin.y")));

            StateReport report = reports.getFirst();
            assertEquals(StateReport.Mode.MAPPED, report.mode());
            assertEquals(new StateChange(StateChange.Kind.CONVERTED, "a", "i32", "i64", null), report.change("a").orElseThrow());
            assertEquals(new StateChange(StateChange.Kind.CONVERTED, "b", "f32", "f64", null), report.change("b").orElseThrow());
            assertEquals(new StateChange(StateChange.Kind.CONVERTED, "text", "char[8]", "char[16]", null),
                    report.change("text").orElseThrow());
            assertEquals(StateChange.Kind.RESET, report.change("c").orElseThrow().kind(), "i64 -> i32 narrows: reset");
            assertEquals(StateChange.Kind.NEW, report.change("d").orElseThrow().kind());
            assertEquals(StateChange.Kind.DROPPED, report.change("e").orElseThrow().kind());
            assertEquals(new StateChange(StateChange.Kind.RENAMED, "g", "i64", "i64", "f"), report.change("g").orElseThrow());
            assertEquals(StateChange.Kind.CONVERTED, report.change("origin.x").orElseThrow().kind());
            assertEquals(StateChange.Kind.CONVERTED, report.change("origin.y").orElseThrow().kind());
            assertEquals(StateChange.Kind.NEW, report.change("origin.z").orElseThrow().kind());
        }
    }

    @Test
    void aSameShapeReloadKeepsEveryByte() {
        String shape = "n: i64; name: char[12]; ratio: f64";
        StateLayout layout = StateLayout.of(StateText.parse(shape));
        try (Graft graft = Graft.builder().contract(Poke.class).build()) {
            graft.load(poke("v1.wasm", "1.0.0", shape));
            Poke poke = graft.contract(Poke.class);
            poke.setI64(0, -1);
            poke.setText((int) layout.offsetOf("name"), "twelve bytes");
            poke.setF64((int) layout.offsetOf("ratio"), Double.longBitsToDouble(0x7ff8_0000_0000_0123L));
            assertEquals(0x7ff8_0000_0000_0123L, Double.doubleToRawLongBits(poke.getF64((int) layout.offsetOf("ratio"))),
                    "f64 values cross as bits: a NaN keeps its payload");
            byte[] before = poke.getBytes(0, (int) layout.size());

            graft.reload("poke", poke("v2.wasm", "2.0.0", shape));

            assertArrayEquals(before, poke.getBytes(0, (int) layout.size()), "the block is the same, byte for byte");
            assertEquals("twelve bytes", graft.state("poke").orElseThrow().get("name"), "a char[12] holding 12 bytes has no NUL");
        }
    }
}
