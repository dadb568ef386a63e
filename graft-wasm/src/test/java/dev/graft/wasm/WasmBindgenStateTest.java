package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.core.Graft;
import dev.graft.core.state.RecordShapes;
import dev.graft.core.state.StateLayout;
import dev.graft.wasm.fixture.Counter;
import dev.graft.wasm.fixture.CounterState;
import dev.graft.wasm.fixture.Gauge;
import dev.graft.wasm.fixture.Poke;
import dev.graft.wasm.fixture.StateGuests;
import dev.graft.wasm.testing.Toolchain;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C header of a wasm plugin's state, written from a Java record: the struct, offsets, manifest
 * lines, graft.state imports and accessors; the loader accepts the declaration it writes and puts
 * the fields where its offsets say; and clang (where installed) builds a guest against it.
 */
class WasmBindgenStateTest {

    @TempDir
    Path dir;

    @Test
    void theHeaderDeclaresTheStructOffsetsManifestLinesAndAccessors() {
        String header = WasmBindgen.stateHeader(Gauge.class);
        StateLayout layout = StateLayout.of(RecordShapes.ofBlock(Gauge.class));
        for (String line : List.of(
                "#ifndef GRAFT_STATE_GAUGE_H",
                "#include \"graft_wasm.h\"",
                "    GRAFT_MANIFEST_LINE(\"state = on: bool; level: i8; delta: i16; code: u16; count: i32; total: i64; ratio: f32; "
                        + "mean: f64; name: char[12]; tag: u8[4]; origin: struct{x: i32; y: i32}; visits: i64 was hits\") \\",
                "    GRAFT_MANIFEST_LINE(\"state-size = " + layout.size() + "\")",
                "typedef struct gauge_point {\n    int32_t x;\n    int32_t y;\n} gauge_point;",
                "    bool on;\n    int8_t level;\n    int16_t delta;\n    uint16_t code;\n    int32_t count;\n    int64_t total;\n"
                        + "    float ratio;\n    double mean;\n    char name[12]; /* UTF-8, NUL-padded */\n    uint8_t tag[4];\n    gauge_point origin;\n"
                        + "    int64_t visits;\n} gauge;",
                "#define GAUGE_SIZE " + layout.size(),
                "#define GAUGE_COUNT " + layout.offsetOf("count"),
                "#define GAUGE_ORIGIN_Y " + layout.offsetOf("origin.y"),
                "GAUGE_ASSERT_(offsetof(gauge, origin.y) == " + layout.offsetOf("origin.y")
                        + ", \"gauge: expected the host's layout of Gauge, found offsetof(gauge, origin.y) otherwise\");",
                "GAUGE_ASSERT_(sizeof(gauge) == " + layout.size() + ", ",
                "GAUGE_ASSERT_(GAUGE_ALIGNOF_(gauge) == 8, ",
                "GRAFT_HOST_IMPORT(\"graft.state\", \"i64_add\") int64_t graft_state_i64_add(uint32_t offset, int64_t delta);",
                "static inline int64_t gauge_total_add(int64_t delta) {\n    return graft_state_i64_add(GAUGE_TOTAL, delta);\n}",
                "static inline bool gauge_total_cas(int64_t expected, int64_t value) {",
                "static inline int32_t gauge_count_add(int32_t delta) {",
                "static inline double gauge_mean_get(void) {\n    return graft_state_f64_load(GAUGE_MEAN);\n}",
                "static inline bool gauge_on_get(void) {\n    bool value;\n    graft_state_read(GAUGE_ON, &value, sizeof value);",
                "static inline void gauge_name_set(const char *value, uint32_t len) {",
                "static inline void gauge_tag_get(uint8_t out[4]) {",
                "static inline void gauge_origin_get(gauge_point *out) {",
                "static inline int32_t gauge_origin_x_get(void) {\n    return graft_state_i32_load(GAUGE_ORIGIN_X);\n}")) {
            assertTrue(header.contains(line), "expected\n" + line + "\nin:\n" + header);
        }
        assertTrue(header.indexOf("typedef struct gauge_point") < header.indexOf("typedef struct gauge {"), "nested structs first");
    }

    /** The loader takes the header's manifest lines as they are, and a field lies where the header's offset says. */
    @Test
    void theLoaderAcceptsTheHeadersDeclarationAndItsOffsets() {
        String header = WasmBindgen.stateHeader(Gauge.class);
        String manifest = StateGuests.manifest("poke", "1.0.0", "test.poke@1.0", find(header, "GRAFT_MANIFEST_LINE\\(\"state = ([^\"]*)\"\\)"),
                Long.parseLong(find(header, "GRAFT_MANIFEST_LINE\\(\"state-size = (\\d+)\"\\)")));
        try (Graft graft = Graft.builder().contract(Poke.class).build()) {
            graft.load(Wat.write(dir, "gauge.wasm", manifest, StateGuests.POKE));
            Poke poke = graft.contract(Poke.class);
            poke.setI64(Integer.parseInt(find(header, "#define GAUGE_VISITS (\\d+)")), 9);
            poke.setI32(Integer.parseInt(find(header, "#define GAUGE_ORIGIN_Y (\\d+)")), -2);
            poke.setText(Integer.parseInt(find(header, "#define GAUGE_NAME (\\d+)")), "gauge");
            Map<String, Object> state = graft.state("poke").orElseThrow();
            assertEquals(9L, state.get("visits"));
            assertEquals(Map.of("x", 0, "y", -2), state.get("origin"));
            assertEquals("gauge", state.get("name"));
        }
    }

    public record Unfixed(long n, String name) {
    }

    public record Listed(List<Integer> values) {
    }

    @Test
    void typesAStateBlockCannotHoldAreRefusedNamingTheComponent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.stateHeader(Unfixed.class));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.stateHeader(Listed.class));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }

    public record Pair(short unsigned, double extern) {
    }

    public record Registers(int register, long signed, Pair union) {
    }

    /** Components named after C keywords are members with an underscore after them; accessors keep the names. */
    @Test
    void componentsNamedAfterCKeywordsCompile() throws Exception {
        String header = WasmBindgen.stateHeader(Registers.class);
        assertTrue(header.contains("    int32_t register_;\n    int64_t signed_;\n    registers_pair union_;\n"), header);
        assertTrue(header.contains("offsetof(registers, union_.extern_) == 24"), header);
        assertTrue(header.contains("GRAFT_MANIFEST_LINE(\"state = register: i32; signed: i64; union: struct{unsigned: i16; "
                + "extern: f64}\")"), header);
        assertEquals(0, clang("registers", header, """
                #include "registers.h"
                REGISTERS_MANIFEST
                int64_t bump(void) {
                    registers_pair pair;
                    registers_union_get(&pair);
                    registers_union_unsigned_set(pair.unsigned_);
                    return registers_register_add(1) + registers_signed_get();
                }
                """), "clang compiles the header: the static assertions on the escaped members hold");
    }

    /**
     * Compiles {@code NAME.c} beside {@code NAME.h} with clang for wasm32, every warning an error, and
     * returns its exit code; skips the test where clang or wasm-ld is missing.
     */
    private int clang(String name, String header, String source) throws Exception {
        assumeTrue(Toolchain.hasClang(), "clang and wasm-ld are not installed: C guests are not built here");
        Files.writeString(dir.resolve(name + ".h"), header);
        Files.writeString(dir.resolve(name + ".c"), source);
        return Toolchain.run("clang", "--target=wasm32", "-O2", "-nostdlib", "-Wall", "-Werror", "-c",
                "-I", dir.toString(), "-I", Path.of("..", "sdk", "wasm").toString(),
                "-o", dir.resolve(name + ".o").toString(), dir.resolve(name + ".c").toString());
    }

    public record Get(int x) {
    }

    public record Span(Get get, Get set) {
    }

    /**
     * A nested record {@code Get} would be the struct {@code span_get}, the name of the accessor of the
     * whole state: it takes {@code _t} ({@code span_get_t}), and clang compiles the header.
     */
    @Test
    void aNestedRecordNamedLikeAnAccessorCompiles() throws Exception {
        String header = WasmBindgen.stateHeader(Span.class);
        assertTrue(header.contains("    span_get_t get;\n    span_get_t set;\n"), header);
        assertTrue(header.contains("static inline void span_get(span *out) {"), header);
        assertEquals(0, clang("span", header, """
                #include "span.h"
                SPAN_MANIFEST
                int32_t width(void) {
                    span all;
                    span_get(&all);
                    span_get_t from;
                    span_get_get(&from);
                    return all.set.x - from.x + span_set_x_get();
                }
                """), "clang compiles the header: the struct and the accessor have names of their own");
    }

    public record Sized(int count, long size, @dev.graft.api.Fixed(4) String manifest) {
    }

    /**
     * Fields named like the header's own macros ({@code SIZED_SIZE}, the state's size, and
     * {@code SIZED_MANIFEST}, its manifest lines): their offset macros take {@code _AT}, and clang
     * compiles the header, every warning an error.
     */
    @Test
    void fieldsNamedLikeTheHeadersMacrosCompile() throws Exception {
        String header = WasmBindgen.stateHeader(Sized.class);
        StateLayout layout = StateLayout.of(RecordShapes.ofBlock(Sized.class));
        assertTrue(header.contains("#define SIZED_SIZE " + layout.size() + "\n"), header);
        assertTrue(header.contains("#define SIZED_SIZE_AT " + layout.offsetOf("size") + "\n"), header);
        assertTrue(header.contains("#define SIZED_MANIFEST_AT " + layout.offsetOf("manifest") + "\n"), header);
        assertTrue(header.contains("#define SIZED_COUNT 0\n"), "a field that clashes with nothing keeps its name: " + header);
        assertEquals(0, clang("sized", header, """
                #include "sized.h"
                SIZED_MANIFEST
                int64_t grow(void) {
                    return sized_size_add(SIZED_SIZE) + sized_count_get();
                }
                """), "clang compiles the header: no macro is defined twice");
    }

    @Test
    void aCGuestBuiltAgainstTheHeaderKeepsItsStateAcrossAReload() throws Exception {
        assumeTrue(Toolchain.hasClang(),
                "clang and wasm-ld are not installed: C guests are not built here");
        Files.writeString(dir.resolve("counter.h"), WasmBindgen.cHeader(Counter.class));
        Files.writeString(dir.resolve("counter_state.h"), WasmBindgen.stateHeader(CounterState.class));
        Files.writeString(dir.resolve("counter.c"), """
                #include "counter.h"
                #include "counter_state.h"
                COUNTER_STATE_MANIFEST
                GRAFT_MANIFEST_LINE("id = counter")
                GRAFT_MANIFEST_LINE("version = " VERSION)
                GRAFT_MANIFEST_LINE("provides = test.counter@1.0")

                int64_t test_counter_increment(void) {
                    return counter_state_count_add(1);
                }

                int64_t test_counter_count(void) {
                    return counter_state_count_get();
                }
                """);
        for (String version : List.of("1.0.0", "2.0.0")) {
            assertEquals(0, Toolchain.run("clang", "--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry", "-DVERSION=\"" + version + "\"",
                    "-I", dir.toString(), "-I", Path.of("..", "sdk", "wasm").toString(),
                    "-o", dir.resolve("counter-" + version + ".wasm").toString(), dir.resolve("counter.c").toString()),
                    "clang builds the guest: the static assertions on the state's layout hold");
        }
        try (Graft graft = Graft.builder().contract(Counter.class).build()) {
            graft.load(dir.resolve("counter-1.0.0.wasm"));
            Counter counter = graft.contract(Counter.class);
            assertEquals(1, counter.increment());
            assertEquals(2, counter.increment());
            graft.reload("counter", dir.resolve("counter-2.0.0.wasm"));
            assertEquals(3, counter.increment());
            assertEquals(3L, graft.state("counter").orElseThrow().get("count"));
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "expected " + regex + " in:\n" + text);
        return m.group(1);
    }
}
