package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.demo.DemoArtifacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code graft call}: each kind of plugin called by name, every type written as text, and every bad input answered precisely. */
class CallCommandTest {

    @TempDir
    static Path work;

    private static DemoArtifacts artifacts;
    private static CalcPlugin calc;

    @BeforeAll
    static void artifacts() throws IOException {
        artifacts = DemoArtifacts.extract();
        calc = CalcPlugin.build(work);
    }

    @AfterAll
    static void close() throws IOException {
        artifacts.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"greeter-jvm-v1.jar", "greeter-native-v1.so", "greeter-wasm-v1.wasm"})
    void callsTheExamplePluginOfEveryKindByName(String artifact) {
        Path file = artifact(artifact);
        Console greet = new Console();
        assertEquals(0, greet.execute("call", file.toString(), "example.greeter.greet", "world"), greet.err());
        assertEquals("Hello, world!\n", greet.out());
        Console next = new Console();
        assertEquals(0, next.execute("call", file.toString(), "example.greeter.next", "41"), next.err());
        assertEquals("42\n", next.out());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "add     | 2 40               | 42",
        "scale   | 1.5 2              | 3.0",
        "not     | true               | false",
        "half    | -8                 | -4",
        "reverse | 0x010203           | 0x030201",
        "reverse | AQID               | 0x030201",
        "move    | x=1,y=2 10         | x=11,y=2",
        "shout   | hey                | HEY!",
    })
    void writesEveryContractTypeAsText(String method, String args, String expected) {
        Console console = callCalc(method, List.of(args.strip().split("\\s+")));
        assertEquals(expected + "\n", console.out(), console.err());
    }

    @Test
    void aVoidMethodPrintsNothing() {
        Console console = callCalc("reset", List.of());
        assertEquals("", console.out(), console.err());
    }

    @Test
    void anUnknownMethodAsksWhetherTheClosestWasMeant() {
        Console console = new Console();
        int status = console.execute("call", artifact("greeter-wasm-v1.wasm").toString(), "example.greeter.gret", "x");
        assertEquals(2, status);
        assertEquals("graft call: plugin 'greeter' (greeter-wasm-v1.wasm): expected a method of contract example.greeter@1.0 "
                + "(greet, next), found 'gret': did you mean `greet`?\n", console.err());
    }

    @Test
    void anUnknownContractAsksWhetherTheClosestWasMeant() {
        Console console = new Console();
        int status = console.execute("call", artifact("greeter-jvm-v1.jar").toString(), "example.greter.greet", "x");
        assertEquals(2, status);
        assertEquals("graft call: plugin 'greeter' (greeter-jvm-v1.jar): expected a contract the plugin provides "
                + "(example.greeter), found 'example.greter': did you mean `example.greeter`?\n", console.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "add 'x' 1      | expected an int for parameter 1 'a' of add(int, long), found \"x\"",
        "not 'yes'      | expected true or false for parameter 1 'b' of not(boolean), found \"yes\"",
        "half '70000'   | expected a short for parameter 1 's' of half(short), found \"70000\"",
        "reverse '0xz1' | expected bytes as hex (0x0a1b) or base64 for parameter 1 'bytes' of reverse(byte[]), found \"0xz1\"",
        "move 'x=1' '0' | expected Point as x=...,y=... for parameter 1 'p' of move(Point, int), found no y",
        "move 'x=1,z=2' '0' | expected Point as x=...,y=... for parameter 1 'p' of move(Point, int), found unknown component 'z'",
        "move 'x=1,yy=2' '0' | expected Point as x=...,y=... for parameter 1 'p' of move(Point, int), found unknown component 'yy' (did you mean 'y'?)",
        "move 'x=a,y=2' '0' | expected an int for component x of parameter 1 'p' of move(Point, int), found \"a\"",
        "add '1'        | expected 2 arguments for add(int, long) of contract example.calc@1.0, found 1",
    })
    void everyBadArgumentIsAUsageErrorNamingTheParameterAndWhatWasFound(String call, String message) {
        List<String> words = new ArrayList<>(List.of(call.split(" ")));
        String method = words.removeFirst();
        Console console = callCalc(method, words.stream().map(w -> w.replace("'", "")).toList());
        assertTrue(console.err().startsWith("graft call: ") && console.err().contains(message), console.err());
    }

    @Test
    void aMalformedTargetIsAUsageError() {
        Console console = new Console();
        assertEquals(2, console.execute("call", calc.jar().toString(), "greet"));
        assertEquals("graft call: expected CONTRACT.METHOD, such as example.greeter.greet, found 'greet'\n", console.err());
    }

    @Test
    void anArtifactThatIsNoPluginIsRefusedWithTheLoadsMessage() throws IOException {
        Path junk = java.nio.file.Files.writeString(work.resolve("junk.wasm"), "not wasm");
        Console console = new Console();
        assertEquals(1, console.execute("call", junk.toString(), "example.greeter.greet", "x"));
        assertTrue(console.err().startsWith("graft call: cannot load junk.wasm: "), console.err());
    }

    @Test
    void aHostModuleTheThrowawayHostDoesNotOfferIsRefusedNamingWhatItOffers() throws IOException {
        Path jar = java.nio.file.Files.copy(calc.jar(), work.resolve("calc-store.jar"));
        try (var fs = java.nio.file.FileSystems.newFileSystem(jar)) {
            Path manifest = fs.getPath("META-INF/graft-plugin.properties");
            java.nio.file.Files.writeString(manifest, java.nio.file.Files.readString(manifest)
                    .replace("imports = graft.log@1.0", "imports = graft.log@1.0, example.store@1.0"));
        }
        Console console = new Console();
        assertEquals(1, console.execute("call", jar.toString(), "example.calc.shout", "x", "--classpath", calc.contracts().toString()));
        assertTrue(console.err().contains("imports host module example.store@1.0, found none registered (registered: "
                + "example.counters@1.0, example.tally@1.0, graft.config@1.0, graft.handles@1.0, graft.log@1.0)"), console.err());
    }

    /** The example artifact, extracted once. */
    static Path artifact(String name) {
        Path file = artifacts.directory().resolve(name);
        return java.nio.file.Files.exists(file) ? file : artifacts.extract(name);
    }

    private static Console callCalc(String method, List<String> args) {
        List<String> line = new ArrayList<>(List.of("call", calc.jar().toString(), "example.calc." + method));
        line.addAll(args);
        line.addAll(List.of("--classpath", calc.contracts().toString()));
        Console console = new Console();
        console.execute(line.toArray(String[]::new));
        return console;
    }
}
