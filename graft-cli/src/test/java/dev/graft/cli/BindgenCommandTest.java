package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.Contract;
import dev.graft.api.Fixed;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.CBindgen;
import dev.graft.natives.NativePatchHeader;
import dev.graft.wasm.WasmBindgen;
import dev.graft.wasm.WasmPatchHeader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindgenCommandTest {

    /** The example native plugin's header, checked in so that gcc can build the plugin. */
    private static final Path EXAMPLE_HEADER = Path.of("..", "examples", "greeter-native", "src", "main", "c", "example_greeter.h");

    /** The example WebAssembly plugin's C header, checked in so that clang can build the C greeter. */
    private static final Path EXAMPLE_WASM_HEADER = Path.of("..", "examples", "greeter-wasm", "src", "main", "c", "example_greeter.h");

    private static final String CLOCK = """
            package com.example.clock;

            @dev.graft.api.Contract(name = "example.clock", version = "1.2")
            public interface Clock {
                long now();
                String zone(int offsetMinutes);
            }
            """;

    /** A contract no native or wasm plugin can serve: neither C nor wasm has a type for a Java char. */
    private static final String TYPEWRITER = """
            package com.example.clock;

            @dev.graft.api.Contract(name = "example.typewriter", version = "1.0")
            public interface Typewriter {
                void type(char c);
            }
            """;

    /** A host module, as an application declares one for its plugins to call. */
    private static final String ALARM = """
            package com.example.clock;

            @dev.graft.api.HostModule(name = "example.alarm", version = "1.0")
            public interface Alarm {
                void ring(int times);
            }
            """;

    /** A state record, as a plugin author writes one to declare a native or wasm plugin's state block. */
    public record SessionState(long greetings, @Fixed(16) String last, Origin origin) {
        public record Origin(double x, double y) {
        }
    }

    /** A state record a block cannot hold: a String needs @Fixed there. */
    public record LooseState(long greetings, String last) {
    }

    @TempDir
    Path dir;

    @Test
    void writesTheHeaderOfAStateBlockFromItsRecord() {
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "c", "--state", SessionState.class.getName());

        assertEquals(0, status, console.err());
        assertEquals(CBindgen.stateHeader(SessionState.class), console.out());
        assertTrue(console.out().contains("greetings: i64; last: char[16]; origin: struct{x: f64; y: f64}"), console.out());

        Console wasm = new Console();
        assertEquals(0, wasm.execute("bindgen", "--lang", "wasm", "--state", SessionState.class.getName()), wasm.err());
        assertEquals(WasmBindgen.stateHeader(SessionState.class), wasm.out());
    }

    @Test
    void stateNeedsARecordABlockCanHoldAndExactlyOneOfClassOrState() {
        Console console = new Console();
        assertEquals(2, console.execute("bindgen", "--lang", "c", "--state", LooseState.class.getName()));
        assertTrue(console.err().contains("expected @Fixed(N) on state field last (String)"), console.err());

        console = new Console();
        assertEquals(2, console.execute("bindgen", "--lang", "c", "--state", Greeter.class.getName()));
        assertTrue(console.err().contains("expected a record declaring a plugin's state, found an interface"), console.err());

        console = new Console();
        assertEquals(2, console.execute("bindgen", "--lang", "c"));
        assertTrue(console.err().contains("expected one of --class CLASS or --state RECORD, found neither"), console.err());

        console = new Console();
        assertEquals(2, console.execute("bindgen", "--lang", "c", "--class", Greeter.class.getName(), "--state",
                SessionState.class.getName()));
        assertTrue(console.err().contains("found both"), console.err());
    }

    @Test
    void writesTheCHeaderOfAContractOnGraftsClassPath() {
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "c", "--class", Greeter.class.getName());

        assertEquals(0, status, console.err());
        assertEquals(CBindgen.header(Greeter.class), console.out());
        assertEquals("", console.err());
    }

    @Test
    void theExamplePluginsHeaderIsWhatBindgenWrites() throws IOException {
        Console console = new Console();

        console.execute("bindgen", "--lang", "c", "--class", Greeter.class.getName());

        assertEquals(Files.readString(EXAMPLE_HEADER), console.out(),
                EXAMPLE_HEADER + " is stale: regenerate it with ./graft bindgen --lang c --class " + Greeter.class.getName()
                        + " --out " + EXAMPLE_HEADER);
    }

    @Test
    void writesTheWasmCHeaderOfAContract() {
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "wasm", "--class", Greeter.class.getName());

        assertEquals(0, status, console.err());
        assertEquals(WasmBindgen.cHeader(Greeter.class), console.out());
        assertEquals("", console.err());
    }

    @Test
    void theExampleWasmPluginsHeaderIsWhatBindgenWrites() throws IOException {
        Console console = new Console();

        console.execute("bindgen", "--lang", "wasm", "--class", Greeter.class.getName());

        assertEquals(Files.readString(EXAMPLE_WASM_HEADER), console.out(),
                EXAMPLE_WASM_HEADER + " is stale: regenerate it with ./graft bindgen --lang wasm --class " + Greeter.class.getName()
                        + " --out " + EXAMPLE_WASM_HEADER);
    }

    @Test
    void writesToAFileWithOut() throws IOException {
        Console console = new Console();
        Path header = dir.resolve("include").resolve("example_greeter.h");

        int status = console.execute("bindgen", "--lang", "c", "--class", Greeter.class.getName(), "--out", header.toString());

        assertEquals(0, status, console.err());
        assertEquals(CBindgen.header(Greeter.class), Files.readString(header));
        assertEquals("", console.out());
    }

    @Test
    void loadsAContractFromTheGivenClassPath() throws Exception {
        Path classes = Javac.compile(dir, Map.of("Clock", CLOCK));
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "c", "--class", "com.example.clock.Clock", "--classpath", classes.toString());

        assertEquals(0, status, console.err());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            assertEquals(CBindgen.header(loader.loadClass("com.example.clock.Clock")), console.out());
        }
        assertTrue(console.out().contains("graft_result example_clock_zone(int32_t offsetMinutes, graft_out_bytes *result);"),
                console.out());
    }

    @Test
    void aContractCompiledWithoutParametersGetsArgNamesACommentSayingWhyAndOneWarning() throws Exception {
        Path classes = Javac.compileWithoutParameterNames(dir, Map.of("Clock", CLOCK, "Alarm", ALARM));
        for (Run run : bindgenClockAndAlarm(classes)) {
            String kind = run.type().endsWith("Clock") ? "contract" : "host module";
            assertTrue(run.out().startsWith("/* Parameter names are arg0, arg1...: the " + kind
                    + "'s class files have no names; compile it with -parameters */\n/*"), run + ": " + run.out());
            assertTrue(run.out().contains("int32_t arg0"), run + ": " + run.out());
            assertEquals("graft bindgen: warning: " + run.type() + " was compiled without -parameters: its header names"
                    + " parameters arg0, arg1...; compile the " + kind + " with -parameters (maven-compiler-plugin"
                    + " <parameters>true</parameters>) to get their names", run.err().strip(), run.toString());
        }
    }

    @Test
    void aContractCompiledWithParametersGetsItsNamesAndNoWarning() throws Exception {
        Path classes = Javac.compile(dir, Map.of("Clock", CLOCK, "Alarm", ALARM));
        for (Run run : bindgenClockAndAlarm(classes)) {
            assertTrue(!run.out().contains("Parameter names are") && !run.out().contains("arg0"), run + ": " + run.out());
            assertTrue(run.out().contains(run.type().endsWith("Clock") ? "int32_t offsetMinutes" : "int32_t times"),
                    run + ": " + run.out());
            assertEquals("", run.err(), run.toString());
        }
    }

    /** One {@code graft bindgen} run: its language, class, output and standard error. */
    private record Run(String lang, String type, String out, String err) {
        @Override
        public String toString() {
            return "--lang " + lang + " --class " + type;
        }
    }

    /** Runs bindgen on the Clock contract and the Alarm host module in {@code classes}, in each language; each exits 0. */
    private static List<Run> bindgenClockAndAlarm(Path classes) {
        List<Run> runs = new ArrayList<>();
        for (String lang : List.of("c", "wasm")) {
            for (String type : List.of("com.example.clock.Clock", "com.example.clock.Alarm")) {
                Console console = new Console();
                int status = console.execute("bindgen", "--lang", lang, "--class", type, "--classpath", classes.toString());
                assertEquals(0, status, console.err());
                runs.add(new Run(lang, type, console.out(), console.err()));
            }
        }
        return runs;
    }

    @Test
    void aClassNotFoundIsAUsageErrorNamingWhereItLooked() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Console alone = new Console();
        Console withClassPath = new Console();

        int statusAlone = alone.execute("bindgen", "--lang", "c", "--class", "com.example.clock.Clock");
        int statusWithClassPath = withClassPath.execute("bindgen", "--lang", "c", "--class", "com.example.clock.Clock",
                "--classpath", empty.toString());

        assertEquals(2, statusAlone);
        assertEquals("graft bindgen: expected a class com.example.clock.Clock, found none on graft's own class path",
                alone.err().strip());
        assertEquals(2, statusWithClassPath);
        assertEquals("graft bindgen: expected a class com.example.clock.Clock, found none on graft's own class path and "
                + "--classpath " + empty, withClassPath.err().strip());
        assertEquals("", alone.out() + withClassPath.out());
    }

    @Test
    void aMissingClassPathEntryIsAUsageError() {
        Console console = new Console();
        Path missing = dir.resolve("no-such.jar");

        int status = console.execute("bindgen", "--lang", "c", "--class", "com.example.clock.Clock", "--classpath", missing.toString());

        assertEquals(2, status);
        assertEquals("graft bindgen: expected a jar or folder for every --classpath entry, found nothing at " + missing,
                console.err().strip());
    }

    @Test
    void writesTheDeclarationsThatPatchAPatchableFunction() {
        Console c = new Console();
        assertEquals(0, c.execute("bindgen", "--lang", "c", "--patch", "discount", "--class", "java.util.function.DoubleUnaryOperator"),
                c.err());
        assertEquals(NativePatchHeader.header("discount", java.util.function.DoubleUnaryOperator.class), c.out());
        assertTrue(c.out().contains("graft_result patch_discount(double arg0, double *result);"), c.out());
        assertTrue(c.out().contains("#define DISCOUNT_PATCH {\"discount\", \"fn discount(f64) -> f64\", "
                + "(const void *) patch_discount, DISCOUNT_PATCH_FLAGS}"), c.out());
        assertTrue(c.out().contains(" *   patch.discount = discount(f64) -> f64\n"), c.out());
        assertTrue(c.out().contains("GRAFT_EXPORT double discount(double arg0);"), c.out());

        Console wasm = new Console();
        assertEquals(0, wasm.execute("bindgen", "--lang", "wasm", "--patch", "discount", "--class",
                "java.util.function.DoubleUnaryOperator"), wasm.err());
        assertEquals(WasmPatchHeader.header("discount", java.util.function.DoubleUnaryOperator.class), wasm.out());
        assertTrue(wasm.out().contains("GRAFT_EXPORT(\"discount\") double discount(double arg0);"), wasm.out());
    }

    @Test
    void aPatchOfABadNameOrTypeIsAUsageError() {
        Console name = new Console();
        assertEquals(2, name.execute("bindgen", "--lang", "c", "--patch", "dis-count", "--class", "java.util.function.IntUnaryOperator"));
        assertEquals("graft bindgen: java.util.function.IntUnaryOperator: expected a patchable function name of letters, digits and "
                + "'_' (a C identifier, such as discount), found 'dis-count'", name.err().strip());
        Console type = new Console();
        assertEquals(2, type.execute("bindgen", "--lang", "wasm", "--patch", "discount", "--class", "java.lang.String"));
        assertEquals("graft bindgen: java.lang.String: expected a public interface with one abstract method as the type of "
                + "patchable function 'discount', found class java.lang.String", type.err().strip());
    }

    @Test
    void aClassThatIsNoContractIsAUsageError() {
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "c", "--class", "java.lang.String");

        assertEquals(2, status);
        assertEquals("graft bindgen: java.lang.String: expected an interface annotated @" + Contract.class.getName()
                + ", found class java.lang.String without it", console.err().strip());
        assertEquals("", console.out());
    }

    @Test
    void aContractTheLanguageCannotServeIsAUsageError() throws Exception {
        Path classes = Javac.compile(dir, Map.of("Typewriter", TYPEWRITER));
        for (String lang : List.of("c", "wasm")) {
            Console console = new Console();

            int status = console.execute("bindgen", "--lang", lang, "--class", "com.example.clock.Typewriter",
                    "--classpath", classes.toString());

            assertEquals(2, status, lang);
            assertTrue(console.err().startsWith("graft bindgen: com.example.clock.Typewriter: "), lang + ": " + console.err());
            assertTrue(console.err().contains("found char"), lang + ": " + console.err());
        }
    }

    @Test
    void anUnknownLanguageIsAUsageError() {
        Console console = new Console();

        int status = console.execute("bindgen", "--lang", "cobol", "--class", Greeter.class.getName());

        assertEquals(2, status);
        assertEquals("graft bindgen: expected --lang c or wasm, found cobol", console.err().strip());
    }
}
