package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.HostModule;
import dev.graft.api.host.Config;
import dev.graft.api.host.Handles;
import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.host.HostModuleType;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.greeter.Tally;
import dev.graft.natives.fixture.Kit;
import dev.graft.natives.fixture.KitModule;
import dev.graft.natives.fixture.Store;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CBindgen writes a host module's C header: the table struct (one function pointer per method,
 * sorted by name), the import entry listing the same signatures in the same order, and the
 * accessor. The built-ins' headers in sdk/c and the fixtures' are its output, checked in; the
 * Rust SDK's import entries of the built-ins say the same; and a plugin written against freshly
 * generated headers compiles, loads, and calls the host.
 */
class CBindgenHostModuleTest {

    private static final Path SDK_C = Path.of("..", "sdk", "c");
    private static final Path RUST_SDK = Path.of("..", "sdk", "rust", "src", "lib.rs");
    private static final Path RUST_EXAMPLE = Path.of("..", "examples", "greeter-native", "src", "main", "rust", "src", "lib.rs");

    @TempDir
    Path dir;

    @Test
    void theBuiltInsHeadersInTheSdkAreWhatBindgenWrites() throws Exception {
        for (Class<?> module : List.of(Log.class, Config.class, Handles.class)) {
            String name = dev.graft.core.state.CNames.prefix(HostModuleType.of(module).name()) + ".h";
            assertEquals(CBindgen.header(module), Files.readString(SDK_C.resolve(name)),
                    "sdk/c/" + name + " is stale: regenerate it with CBindgen.write(" + module.getSimpleName() + ".class, sdk/c)");
        }
    }

    @Test
    void theFixturesHostModuleHeadersAreWhatBindgenWrites() throws Exception {
        for (Class<?> module : List.of(Kit.class, Store.class)) {
            String name = dev.graft.core.state.CNames.prefix(HostModuleType.of(module).name()) + ".h";
            assertEquals(CBindgen.header(module), Files.readString(Path.of("src", "test", "c", "include", name)),
                    name + " is stale: regenerate it with CBindgen.write");
        }
    }

    @Test
    void theRustSdkImportsTheBuiltInsAsBindgenOrdersThem() throws Exception {
        for (Class<?> module : List.of(Log.class, Config.class, Handles.class)) {
            assertRustImportMatches(RUST_SDK, module);
        }
        assertRustImportMatches(RUST_EXAMPLE, Tally.class);
        // the example's table struct, written by hand: its fields in the table's order
        String rust = Files.readString(RUST_EXAMPLE);
        String struct = rust.substring(rust.indexOf("struct Tally {"), rust.indexOf("}", rust.indexOf("struct Tally {")));
        List<String> fields = Pattern.compile("(\\w+): extern \"C\" fn").matcher(struct).results().map(m -> m.group(1)).toList();
        assertEquals(HostModuleLink.methods(Tally.class).stream().map(Method::getName).toList(), fields,
                "the Rust example's Tally fields, in the order of the table bindgen declares");
    }

    /** The Rust source declares the module's import with bindgen's signatures, in bindgen's order. */
    private static void assertRustImportMatches(Path source, Class<?> module) throws IOException {
        String rust = Files.readString(source);
        HostModuleType<?> type = HostModuleType.of(module);
        String functions = HostModuleLink.methods(module).stream().map(m -> "c(c\"" + Signature.of(m) + "\")")
                .collect(Collectors.joining(", "));
        String entry = "Import = import(c\"" + type.name() + "\", c\"" + type.version().toShortString() + "\",";
        int at = rust.indexOf(entry);
        assertTrue(at >= 0, source + " declares the import of " + type.name());
        String declared = rust.substring(at + entry.length(), rust.indexOf(")]);", at) + 2).replaceAll("\\s+", " ").strip();
        assertEquals("&[" + functions + "]", declared, source + "'s import of " + type.name());
    }

    @Test
    void theHeaderDeclaresTheTableTheImportAndTheAccessor() {
        String header = CBindgen.header(Kit.class);
        assertTrue(header.contains("typedef struct test_native_kit {\n"
                + "    /* int add(int a, int b): fn add(i32, i32) -> i32, read graft_value_i32(r) */\n"
                + "    graft_result (*add)(int32_t a, int32_t b);\n"
                + "    /* String echo(String text): fn echo(str) -> str, read *result, then graft_out_free(result) */\n"
                + "    graft_result (*echo)(const char *text, size_t text_len, graft_out_bytes *result);\n"), header);
        assertTrue(header.contains("    graft_result (*move)(test_native_kit_point p, int32_t dx, test_native_kit_point *result);\n"));
        assertTrue(header.contains("    graft_result (*panic)(void);\n"));
        assertTrue(header.contains("typedef struct test_native_kit_point {\n    int32_t x;\n    int32_t y;\n} test_native_kit_point;"));
        assertTrue(header.contains("#define TEST_NATIVE_KIT_IMPORT \\\n    {\"test.native.kit\", \"1.1\", \\\n"
                + "     (const char *const[]) { \\\n         \"fn add(i32, i32) -> i32\", \\\n"), header);
        assertTrue(header.contains("static inline const test_native_kit *test_native_kit_from(const graft_host *host) {\n"
                + "    return (const test_native_kit *) graft_host_find(host, \"test.native.kit\");\n}"));
        assertTrue(header.contains("/* not for native plugins: Object opaque(): method opaque, result: expected int, long, "
                + "float, double, boolean, String, byte[], ByteBuffer or a record of those primitives, found Object */"),
                "a method no native guest can call is left out, saying why");
    }

    @Test
    void theTableIsInNameOrder() {
        List<String> names = HostModuleLink.methods(Kit.class).stream().map(Method::getName).toList();
        assertEquals(List.of("add", "echo", "fail", "half", "move", "multiply", "negate", "opaque", "panic", "reverse", "twice"), names);
    }

    /** Two methods named alike: no C table can hold both. */
    @HostModule(name = "test.native.overloaded", version = "1.0")
    public interface Overloaded {
        void put(int value);

        void put(String value);
    }

    /** A member named like a C keyword gets an underscore. */
    @HostModule(name = "test.native.keywords", version = "1.0")
    public interface Keywords {
        int register(int n);
    }

    @Test
    void anOverloadedHostModuleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CBindgen.header(Overloaded.class));
        assertEquals("expected one method per name in host module " + Overloaded.class.getName()
                + " (a C function has one signature), found put overloaded", e.getMessage());
    }

    @Test
    void aMemberNamedLikeACKeywordGetsAnUnderscore() {
        assertTrue(CBindgen.header(Keywords.class).contains("graft_result (*register_)(int32_t n);"));
    }

    @Test
    void aPluginWrittenAgainstGeneratedHeadersCallsTheHost() throws Exception {
        assertEquals("test_native_kit.h", CBindgen.write(Kit.class, dir).getFileName().toString());
        Path library = greeterImporting("generated", "test_native_kit", """
                    graft_out_bytes out = {0};
                    graft_result r = module->echo(name, name_len, &out);
                    if (graft_status(r) != 0) return r;
                    r = graft_return_format(result, "Echoed, %.*s!", (int) out.len, (const char *) out.ptr);
                    graft_out_free(&out);
                    return r;
                """, """
                    graft_result r = module->add(n, n);
                    return graft_status(r) != 0 ? r : graft_ok_i32(graft_value_i32(r));
                """);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Greeter.class)
                .hostModule(Kit.class, context -> new KitModule()).grant("generated", Kit.class).build()) {
            graft.load(library);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Echoed, world!", greeter.greet("world"));
            assertEquals(14, greeter.next(7));
        }
    }

    /** A record named From, whose struct would be named like the module's accessor. */
    @HostModule(name = "test.native.dates", version = "1.0")
    public interface Dates {
        record From(int day, int month) {
        }

        int dayOfYear(From from);
    }

    /**
     * A record {@code From} would be the struct {@code test_native_dates_from}, the accessor's name: it
     * takes {@code _t}, and a plugin importing the module builds with gcc, loads and calls it.
     */
    @Test
    void aRecordNamedLikeTheAccessorBuildsAndIsCalled() throws Exception {
        String header = Files.readString(CBindgen.write(Dates.class, dir));
        assertTrue(header.contains("graft_result (*dayOfYear)(test_native_dates_from_t from);"), header);
        Path library = greeterImporting("dates", "test_native_dates", """
                    return graft_return_format(result, "%.*s", (int) name_len, name);
                """, """
                    graft_result r = module->dayOfYear((test_native_dates_from_t) {.day = n, .month = 2});
                    return graft_status(r) != 0 ? r : graft_ok_i32(graft_value_i32(r));
                """);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Greeter.class)
                .hostModule(Dates.class, context -> from -> 31 * (from.month() - 1) + from.day()).grant("dates", Dates.class)
                .build()) {
            graft.load(library);
            assertEquals(36, graft.contract(Greeter.class).next(5));
        }
    }

    /**
     * Builds with gcc a greeter plugin {@code id} that imports the host module whose header
     * {@code prefix.h} the test wrote, keeps its table in {@code module}, and whose greet and next
     * have the bodies given.
     */
    private Path greeterImporting(String id, String prefix, String greet, String next) throws Exception {
        CBindgen.write(Greeter.class, dir);
        String source = """
                #define GRAFT_IMPLEMENTATION
                #include "example_greeter.h"
                #include "<prefix>.h"
                static const <prefix> *module;
                static graft_result init(const graft_host *host) {
                    module = <prefix>_from(host);
                    return module == NULL ? graft_fail(1, "no <prefix>") : graft_ok();
                }
                graft_result example_greeter_greet(const char *name, size_t name_len, graft_out_bytes *result) {
                <greet>}
                graft_result example_greeter_next(int32_t n) {
                <next>}
                GRAFT_PLUGIN_IMPORTS("<id>", "1.0.0", init, NULL, (<macro>_IMPORT), EXAMPLE_GREETER_CONTRACT);
                """.replace("<prefix>", prefix).replace("<macro>", prefix.toUpperCase(java.util.Locale.ROOT))
                .replace("<id>", id).replace("<greet>", greet).replace("<next>", next);
        return Fixtures.gccPlugin(Files.writeString(dir.resolve(id + ".c"), source));
    }
}
