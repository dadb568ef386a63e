package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.greeter.Tally;
import dev.graft.natives.fixture.Blob;
import dev.graft.natives.fixture.Checksum;
import dev.graft.natives.fixture.Counter;
import dev.graft.natives.fixture.HandleUser;
import dev.graft.natives.fixture.HostUser;
import dev.graft.natives.fixture.LibcNames;
import dev.graft.natives.fixture.Pause;
import dev.graft.natives.fixture.Quotes;
import dev.graft.natives.fixture.Slow;
import dev.graft.natives.fixture.Types;
import dev.graft.natives.fixture.Unsupported;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CBindgen writes the C header of a contract. The fixtures' headers (src/test/c/include, and the
 * example greeter's examples/greeter-native/src/main/c/example_greeter.h) are its output, checked
 * in so gcc can build the fixtures before the tests compile: they must stay what CBindgen writes
 * today. And a plugin written against a freshly generated header compiles, loads and links.
 */
class CBindgenTest {

    private static final Path SOURCES = Path.of("src");

    /** The example greeter's headers, generated from dev.graft.examples.greeter.Greeter and .Tally. */
    private static final Path EXAMPLE = Path.of("..", "examples", "greeter-native", "src", "main", "c");

    @TempDir
    Path dir;

    @Test
    void checkedInHeadersAreWhatBindgenWrites() throws Exception {
        for (Class<?> contract : List.of(Types.class, Slow.class, Checksum.class, HostUser.class, HandleUser.class, Counter.class,
                Blob.class)) {
            String name = CBindgen.prefix(dev.graft.core.ContractType.of(contract)) + ".h";
            assertEquals(CBindgen.header(contract), Files.readString(SOURCES.resolve("test/c/include").resolve(name)),
                    name + " is stale: regenerate it with CBindgen.write");
        }
        assertEquals(CBindgen.header(Pause.class), Files.readString(SOURCES.resolve("test/c/include/test_native_pause.h")),
                "test_native_pause.h is stale: regenerate it with CBindgen.write");
        assertEquals(CBindgen.header(Greeter.class), Files.readString(EXAMPLE.resolve("example_greeter.h")),
                "the example's example_greeter.h is stale");
        assertEquals(CBindgen.header(Tally.class), Files.readString(EXAMPLE.resolve("example_tally.h")),
                "the example's example_tally.h is stale");
    }

    @Test
    void headerDeclaresPrototypesAndTheDescriptorEntry() {
        String header = CBindgen.header(Types.class);
        assertTrue(header.contains("graft_result test_native_types_bracket(const char *text, size_t text_len, graft_out_bytes *result);"), header);
        assertTrue(header.contains("graft_result test_native_types_add(int32_t a, int32_t b);"));
        assertTrue(header.contains("graft_result test_native_types_multiply(int64_t a, int64_t b, int64_t *result);"));
        assertTrue(header.contains("graft_result test_native_types_move(test_native_types_point p, int32_t dx, int32_t dy, "
                + "test_native_types_point *result);"));
        assertTrue(header.contains("typedef struct test_native_types_mixed {\n    bool flag;\n    double value;\n    int32_t count;\n}"));
        assertTrue(header.contains("{\"fn move(Point{i32, i32}, i32, i32) -> Point{i32, i32}\", (const void *) test_native_types_move, "
                + "TEST_NATIVE_TYPES_MOVE_FLAGS}"), header);
        assertTrue(header.contains("#define TEST_NATIVE_TYPES_CONTRACT"));
    }

    @Test
    void contractThatNativePluginsCannotServeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CBindgen.header(Unsupported.class));
        assertTrue(e.getMessage().contains("found char"), e.getMessage());
    }

    @Test
    void pluginWrittenAgainstAGeneratedHeaderLoads() throws Exception {
        Path header = CBindgen.write(Greeter.class, dir);
        assertEquals("example_greeter.h", header.getFileName().toString());
        Path source = Files.writeString(dir.resolve("plugin.c"), """
                #define GRAFT_IMPLEMENTATION
                #include "example_greeter.h"
                graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
                    return graft_return_format(result, "Generated, %.*s!", (int) name_len, name);
                }
                graft_result example_greeter_next(int32_t n) { return graft_ok_i32(n * 10); }
                GRAFT_PLUGIN("generated", "1.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
                """);
        Path library = Fixtures.gccPlugin(source);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Greeter.class).build()) {
            graft.load(library);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Generated, world!", greeter.greet("world"));
            assertEquals(70, greeter.next(7));
        }
    }

    /**
     * Methods named like C library functions ({@code log}, {@code abs}, {@code exp}) are C functions
     * prefixed with the contract ({@code test_libc_log}), so a plugin includes the C library's headers,
     * links libm and calls its {@code log} beside its own; the descriptor still names the methods.
     */
    @Test
    void methodsNamedLikeTheCLibrarysFunctionsBuildBesideIt() throws Exception {
        CBindgen.write(LibcNames.class, dir);
        Path source = Files.writeString(dir.resolve("libc_names.c"), """
                #define GRAFT_IMPLEMENTATION
                #include <math.h>
                #include <stdlib.h>
                #include "test_libc.h"
                graft_result test_libc_log(int32_t n) { return graft_ok_i32((int32_t) lround(log((double) n))); }
                graft_result test_libc_abs(int64_t n, int64_t *result) {
                    *result = llabs(n);
                    return graft_ok();
                }
                graft_result test_libc_exp(const char *text, size_t text_len, graft_out_bytes *result) {
                    char number[32] = {0};
                    memcpy(number, text, text_len < sizeof number - 1 ? text_len : sizeof number - 1);
                    return graft_return_format(result, "%.3f", exp(strtod(number, NULL)));
                }
                GRAFT_PLUGIN("libc-names", "1.0.0", NULL, NULL, TEST_LIBC_CONTRACT);
                """);
        Path library = Fixtures.gccPlugin(source, "-lm");
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(LibcNames.class).build()) {
            graft.load(library);
            LibcNames names = graft.contract(LibcNames.class);
            assertEquals(3, names.log(20), "libm's log, called by test_libc_log");
            assertEquals(5, names.abs(-5));
            assertEquals("2.718", names.exp("1"));
        }
    }

    /**
     * A method named after the record it returns ({@code quote}, {@code Quote}): the function keeps its
     * name, {@code test_quotes_quote}, and the struct takes {@code _t} ({@code test_quotes_quote_t}),
     * since C declares typedefs and functions in one name space; a record that clashes with nothing
     * keeps its name ({@code test_quotes_order}). The plugin builds with gcc, loads and answers.
     */
    @Test
    void recordNamedLikeAMethodBuildsLoadsAndAnswers() throws Exception {
        String header = Files.readString(CBindgen.write(Quotes.class, dir));
        assertTrue(header.contains("typedef struct test_quotes_quote_t {\n    int64_t total;\n    int32_t pct;\n} test_quotes_quote_t;"),
                header);
        assertTrue(header.contains("graft_result test_quotes_quote(int32_t qty, test_quotes_quote_t *result);"), header);
        assertTrue(header.contains("graft_result test_quotes_priced(test_quotes_order order, test_quotes_quote_t *result);"), header);
        Path source = Files.writeString(dir.resolve("quotes.c"), """
                #define GRAFT_IMPLEMENTATION
                #include "test_quotes.h"
                graft_result test_quotes_quote(int32_t qty, test_quotes_quote_t *result) {
                    *result = (test_quotes_quote_t) {.total = 25 * (int64_t) qty, .pct = qty >= 4 ? 10 : 0};
                    return graft_ok();
                }
                graft_result test_quotes_discount(test_quotes_quote_t quote, int64_t *result) {
                    *result = quote.total * quote.pct / 100;
                    return graft_ok();
                }
                graft_result test_quotes_priced(test_quotes_order order, test_quotes_quote_t *result) {
                    *result = (test_quotes_quote_t) {.total = (int64_t) order.qty * order.price, .pct = 0};
                    return graft_ok();
                }
                GRAFT_PLUGIN("quotes", "1.0.0", NULL, NULL, TEST_QUOTES_CONTRACT);
                """);
        Path library = Fixtures.gccPlugin(source);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Quotes.class).build()) {
            graft.load(library);
            Quotes quotes = graft.contract(Quotes.class);
            assertEquals(new Quotes.Quote(100, 10), quotes.quote(4));
            assertEquals(10, quotes.discount(new Quotes.Quote(100, 10)));
            assertEquals(new Quotes.Quote(21, 0), quotes.priced(new Quotes.Order(3, 7)));
        }
    }
}
