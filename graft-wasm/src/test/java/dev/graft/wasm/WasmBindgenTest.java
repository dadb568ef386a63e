package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.Contract;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.greeter.Tally;
import dev.graft.wasm.fixture.Blobs;
import dev.graft.wasm.fixture.Numbers;
import dev.graft.wasm.fixture.Shapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C headers derived from contract interfaces: every mapped type, and the header the C example is built against. */
class WasmBindgenTest {

    /** The C greeter in examples/greeter-wasm includes these headers; they must be what bindgen writes today. */
    @Test
    void theCExamplesHeadersAreBindgensOutput() throws Exception {
        Path example = Path.of("..", "examples", "greeter-wasm", "src", "main", "c");
        for (Class<?> type : List.of(Greeter.class, Tally.class)) {
            Path committed = example.resolve(type == Greeter.class ? "example_greeter.h" : "example_tally.h");
            assertEquals(WasmBindgen.cHeader(type), Files.readString(committed),
                    "regenerate " + committed + " with ./graft bindgen --lang wasm --class " + type.getName());
        }
    }

    @Test
    void headerDeclaresEachMethodWithTheConventionsTypes() {
        String greeter = WasmBindgen.cHeader(Greeter.class);
        assertTrue(greeter.contains("GRAFT_EXPORT(\"greet\") graft_result example_greeter_greet(const char *name, uint32_t name_len);"), greeter);
        assertTrue(greeter.contains("GRAFT_EXPORT(\"next\") int32_t example_greeter_next(int32_t n);"), greeter);
        assertTrue(greeter.contains("/* String greet(String name): fn greet(str) -> str"), greeter);
        assertTrue(greeter.contains("#ifndef GRAFT_EXAMPLE_GREETER_H") && greeter.contains("#include \"graft_wasm.h\""), greeter);
        assertTrue(greeter.contains("provides = example.greeter@1.0"), greeter);

        String numbers = WasmBindgen.cHeader(Numbers.class);
        for (String line : List.of(
                "GRAFT_EXPORT(\"add\") int64_t test_numbers_add(int64_t a, int64_t b);",
                "GRAFT_EXPORT(\"mix\") double test_numbers_mix(double a, float b, int32_t c);",
                "GRAFT_EXPORT(\"even\") bool test_numbers_even(int32_t n);",
                "GRAFT_EXPORT(\"bump\") void test_numbers_bump(void);",
                "fn answer() -> i32 (optional: the contract has a default)")) {
            assertTrue(numbers.contains(line), "expected " + line + " in:\n" + numbers);
        }
        String blobs = WasmBindgen.cHeader(Blobs.class);
        assertTrue(blobs.contains("GRAFT_EXPORT(\"sum\") int32_t test_blobs_sum(const uint8_t *data, uint32_t data_len);"), blobs);
        assertTrue(blobs.contains("GRAFT_EXPORT(\"echo\") graft_result test_blobs_echo(const uint8_t *data, uint32_t data_len);"), blobs);
        assertTrue(blobs.contains("graft_result test_blobs_join(const char *a, uint32_t a_len, const char *b, uint32_t b_len);"), blobs);
    }

    @Test
    void recordsBecomeStructsWhoseLayoutClangChecks() {
        String shapes = WasmBindgen.cHeader(Shapes.class);
        for (String line : List.of(
                "typedef struct Point {\n    int32_t x;\n    int32_t y;\n} Point;",
                "typedef struct Box {\n    Point min;\n    Point max;\n    graft_str label;\n    bool filled;\n    double weight;\n    int64_t id;\n} Box;",
                "_Static_assert(sizeof(Box) == 48 && _Alignof(Box) == 8, \"Box: the layout Graft expects\");",
                "_Static_assert(offsetof(Box, weight) == 32, \"Box.weight: the offset Graft expects\");",
                "GRAFT_EXPORT(\"area\") int64_t test_shapes_area(const Box *box);",
                "GRAFT_EXPORT(\"grow\") Box *test_shapes_grow(const Box *box, int32_t by);",
                "GRAFT_EXPORT(\"middle\") Point *test_shapes_middle(const Point *a, const Point *b);")) {
            assertTrue(shapes.contains(line), "expected\n" + line + "\nin:\n" + shapes);
        }
        assertTrue(shapes.indexOf("typedef struct Point") < shapes.indexOf("typedef struct Box"), "nested structs first");
    }

    @Contract(name = "test.unmappable", version = "1.0")
    public interface Unmappable {
        Object anything(List<String> items);
    }

    @Test
    void typesWithoutAMappingAreRefusedNamingTheMethod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.cHeader(Unmappable.class));
        assertTrue(e.getMessage().contains("method anything(List), parameter items: expected a type with a wasm mapping")
                && e.getMessage().contains("found java.util.List"), e.getMessage());
    }

    /** A record named like the C function of a method, which no Java naming convention would give. */
    @Contract(name = "t", version = "1.0")
    public interface LowerCaseRecord {
        record t_make(int n) {
        }

        t_make make(int n);
    }

    @Test
    void aRecordNamedLikeAFunctionOfTheHeaderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.cHeader(LowerCaseRecord.class));
        assertEquals("expected records named apart from the functions of the header of t@1.0, found record "
                + LowerCaseRecord.t_make.class.getName() + " named like the function t_make: rename the record", e.getMessage());
    }

    /** Two records of one simple name: one guarded struct Point would serve both. */
    @Contract(name = "test.points", version = "1.0")
    public interface TwoPoints {
        record Point(long x) {
        }

        Point widen(dev.graft.wasm.fixture.Point p);
    }

    @Test
    void twoRecordsOfOneSimpleNameAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.cHeader(TwoPoints.class));
        assertEquals("expected records of distinct simple names in the header of test.points@1.0, found "
                + dev.graft.wasm.fixture.Point.class.getName() + " and " + TwoPoints.Point.class.getName() + ", both struct Point",
                e.getMessage());
    }
}
