package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.testing.RecordingLog;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import dev.graft.wasm.fixture.Box;
import dev.graft.wasm.fixture.LibcNames;
import dev.graft.wasm.fixture.Point;
import dev.graft.wasm.fixture.Quotes;
import dev.graft.wasm.fixture.Shapes;
import dev.graft.wasm.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests in C, built with clang for wasm32 where clang and wasm-ld are installed; skipped (not
 * failed) where they are not: the demo's contract (examples/greeter-wasm/src/main/c), and records, whose
 * struct layout clang checks against the static assertions WasmBindgen writes.
 */
class CGuestTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "greeter-wasm", "src", "main", "c");

    /** graft_wasm.h */
    private static final Path SDK = Path.of("..", "sdk", "wasm");

    @TempDir
    Path dir;

    @Test
    void cGreeterBuiltWithClangLoadsAndReloads() throws Exception {
        assumeTrue(Toolchain.hasClang(),
                "clang and wasm-ld are not installed: the C example is not built here");
        assertEquals(0, Toolchain.run(EXAMPLE.resolve("build.sh").toString(), dir.toString()), "build.sh builds the C greeter");
        List<String> logged = new CopyOnWriteArrayList<>();
        HostCounters counters = new HostCounters();
        try (Graft graft = counters.offer(Graft.builder().contract(Greeter.class), "greeter")
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .build()) {
            graft.load(dir.resolve("greeter-c-v1.wasm"));
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hello, C!", greeter.greet("C"));
            assertEquals(2, greeter.next(1));
            assertEquals(List.of(graft.plugin("greeter").orElseThrow().label() + " debug: greeter 1.0.0 (C) ready"), logged,
                    "logged through graft.log at its first call");
            graft.reload("greeter", dir.resolve("greeter-c-v2.wasm"));
            assertEquals("Hi there, C!", greeter.greet("C"));
            assertEquals(3, greeter.next(1));
            assertEquals(2, counters.total("greetings"), "each version counted its greeting in the host's counter, through a handle");
            assertEquals(java.util.Map.of("greetings", 2L, "longest", 1), graft.state("greeter").orElseThrow(),
                    "and in its own state, mapped from version 1's shape to version 2's");
        }
    }

    @Test
    void cGuestAgreesWithTheRecordLayout() throws Exception {
        Path guest = guest("shapes", WasmBindgen.cHeader(Shapes.class), """
                #define GRAFT_BUMP_ALLOCATOR
                #include "shapes.h"
                GRAFT_MANIFEST_LINE("id = shapes")
                GRAFT_MANIFEST_LINE("version = 1.0.0")
                GRAFT_MANIFEST_LINE("provides = test.shapes@1.0")

                int64_t test_shapes_area(const Box *box) {
                    return (int64_t) (box->max.x - box->min.x) * (box->max.y - box->min.y);
                }

                Box *test_shapes_grow(const Box *box, int32_t by) {
                    Box *out = graft_alloc(sizeof(Box));            /* the struct first, then its strings */
                    out->min = (Point) {box->min.x - by, box->min.y - by};
                    out->max = (Point) {box->max.x + by, box->max.y + by};
                    char *label = graft_alloc(box->label.len);
                    __builtin_memcpy(label, box->label.ptr, box->label.len);
                    out->label = (graft_str) {label, box->label.len};
                    out->filled = !box->filled;
                    out->weight = box->weight * 2;
                    out->id = box->id + 1;
                    return out;
                }

                Point *test_shapes_middle(const Point *a, const Point *b) {
                    Point *out = graft_alloc(sizeof(Point));
                    *out = (Point) {(a->x + b->x) / 2, (a->y + b->y) / 2};
                    return out;
                }
                """);
        try (Graft graft = Graft.builder().contract(Shapes.class).build()) {
            graft.load(guest);
            Shapes shapes = graft.contract(Shapes.class);
            Box box = new Box(new Point(1, 2), new Point(4, 7), "crate", true, 2.5, 41);
            assertEquals(15, shapes.area(box));
            assertEquals(new Box(new Point(0, 1), new Point(5, 8), "crate", false, 5.0, 42), shapes.grow(box, 1));
            assertEquals(new Point(2, 3), shapes.middle(new Point(1, 1), new Point(3, 5)));
        }
    }

    /**
     * Methods named like C library functions ({@code log}, {@code abs}, {@code exp}), with other types
     * than theirs, are C functions prefixed with the contract ({@code test_libc_log}): the header
     * compiles beside the C library's declarations, every warning an error, and the exports keep the
     * methods' names, which the host binds.
     */
    @Test
    void methodsNamedLikeTheCLibrarysFunctionsCompileBesideIt() throws Exception {
        Path guest = guest("test_libc", WasmBindgen.cHeader(LibcNames.class), """
                #define GRAFT_BUMP_ALLOCATOR
                #if __has_include(<math.h>) && __has_include(<stdlib.h>)
                #include <math.h>
                #include <stdlib.h>
                #else
                /* no C library for wasm32 here: its declarations, as <math.h> and <stdlib.h> make them */
                double log(double x);
                double exp(double x);
                int abs(int n);
                #endif
                #include "test_libc.h"
                GRAFT_MANIFEST_LINE("id = libc-names")
                GRAFT_MANIFEST_LINE("version = 1.0.0")
                GRAFT_MANIFEST_LINE("provides = test.libc@1.0")

                int32_t test_libc_log(int32_t n) {
                    return 31 - __builtin_clz((uint32_t) n);  /* log2, which is enough here */
                }

                int64_t test_libc_abs(int64_t n) {
                    return n < 0 ? -n : n;
                }

                graft_result test_libc_exp(const char *text, uint32_t text_len) {
                    char *out = graft_alloc(text_len + 2);
                    __builtin_memcpy(out, "e^", 2);
                    __builtin_memcpy(out + 2, text, text_len);
                    return graft_result_of(out, text_len + 2);
                }
                """);
        try (Graft graft = Graft.builder().contract(LibcNames.class).build()) {
            graft.load(guest);
            LibcNames names = graft.contract(LibcNames.class);
            assertEquals(3, names.log(8));
            assertEquals(5, names.abs(-5));
            assertEquals("e^1", names.exp("1"));
        }
    }

    /**
     * A method named after the record it returns ({@code quote}, {@code Quote}): the struct keeps the
     * record's bare name and the function has the contract's prefix ({@code test_quotes_quote}), so
     * both are declared, and the guest builds, loads and answers.
     */
    @Test
    void recordNamedLikeAMethodCompilesBesideIt() throws Exception {
        Path guest = guest("test_quotes", WasmBindgen.cHeader(Quotes.class), """
                #define GRAFT_BUMP_ALLOCATOR
                #include "test_quotes.h"
                GRAFT_MANIFEST_LINE("id = quotes")
                GRAFT_MANIFEST_LINE("version = 1.0.0")
                GRAFT_MANIFEST_LINE("provides = test.quotes@1.0")

                Quote *test_quotes_quote(int32_t qty) {
                    Quote *out = graft_alloc(sizeof(Quote));
                    *out = (Quote) {.total = 25 * (int64_t) qty, .pct = qty >= 4 ? 10 : 0};
                    return out;
                }

                int64_t test_quotes_discount(const Quote *quote) {
                    return quote->total * quote->pct / 100;
                }
                """);
        try (Graft graft = Graft.builder().contract(Quotes.class).build()) {
            graft.load(guest);
            Quotes quotes = graft.contract(Quotes.class);
            assertEquals(new Quotes.Quote(100, 10), quotes.quote(4));
            assertEquals(10, quotes.discount(new Quotes.Quote(100, 10)));
        }
    }

    /**
     * Builds a guest with clang for wasm32, every warning an error: {@code NAME.h} (a header bindgen
     * wrote) beside {@code NAME.c}, which includes it; skips the test where clang or wasm-ld is missing.
     */
    private Path guest(String name, String header, String source) throws Exception {
        assumeTrue(Toolchain.hasClang(), "clang and wasm-ld are not installed: C guests are not built here");
        Files.writeString(dir.resolve(name + ".h"), header);
        Path c = Files.writeString(dir.resolve(name + ".c"), source);
        Path wasm = dir.resolve(name + ".wasm");
        assertEquals(0, Toolchain.run("clang", "--target=wasm32", "-O2", "-Wall", "-Werror", "-mbulk-memory", "-nostdlib",
                "-Wl,--no-entry", "-I", dir.toString(), "-I", SDK.toString(), "-o", wasm.toString(), c.toString()),
                "clang builds " + name + ".c against the header, without a warning");
        return wasm;
    }
}
