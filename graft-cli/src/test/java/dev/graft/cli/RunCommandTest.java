package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.graft.cli.demo.DemoArtifacts;
import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    /** A bound on waiting for the watcher, not a timing requirement: it normally acts within a second. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A contract the host has on its class path, and a JVM plugin jar implementing it that lacks the interface. */
    private static final String CLOCK = """
            package com.example.clock;
            @dev.graft.api.Contract(name = "example.clock", version = "1.0")
            public interface Clock {
                int hour();
            }
            """;
    private static final String TOWER = """
            package com.example.tower;
            public final class TowerClock implements com.example.clock.Clock {
                public int hour() { return 12; }
            }
            """;

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    @Test
    void typingSPrintsEachPluginsStatsAndJfrRecordsTheEvents() throws Exception {
        Path recording = work.resolve("run.jfr");
        PipedOutputStream typing = new PipedOutputStream();
        Console console = new Console(new PipedInputStream(typing));
        runWhile(console, List.of("--jfr", recording.toString()), (out, artifacts) -> {
            Files.copy(artifacts.extract("greeter-jvm-v1.jar"), plugins.resolve("greeter.jar"));
            awaitOutput(out, "loaded greeter@1.0.0 (jvm, greeter.jar)");
            Files.copy(artifacts.extract("greeter-jvm-v2.jar"), plugins.resolve("greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
            awaitOutput(out, "reloaded greeter 1.0.0 -> 2.0.0");
            typing.write("s\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            awaitOutput(out, "stats: greeter 2.0.0 (jvm): loads 1, reloads 1, failures 0, retiring ");
            typing.write("what\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            awaitOutput(out, "graft run: type s and Enter for stats, Ctrl-C to stop (found 'what')");
        });
        assertTrue(console.out().contains("; last reloaded greeter 1.0.0 -> 2.0.0 in "), console.out());
        assertTrue(console.out().contains("graft: JFR recording written to " + recording), console.out());
        List<String> graftEvents = jdk.jfr.consumer.RecordingFile.readAllEvents(recording).stream()
                .sorted(java.util.Comparator.comparing(jdk.jfr.consumer.RecordedEvent::getStartTime)) // a file is not in time order
                .map(e -> e.getEventType().getName()).filter(name -> name.startsWith("dev.graft.")).toList();
        assertEquals(List.of("dev.graft.Load", "dev.graft.Reload", "dev.graft.Unload"),
                graftEvents.stream().filter(name -> !name.equals("dev.graft.Retire")).toList(),
                "the load, the reload, and the unload when the run stopped: " + graftEvents);
    }

    @Test
    void withRequiredSignaturesAnUnsignedPluginIsRefusedAndLoadsOnceSigned() throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        Path publicKey = work.resolve("ops.pub");
        Ed25519Keys.write(keys, work.resolve("ops.key"), publicKey);
        Console console = runWhile(List.of("--trust", publicKey.toString(), "--require-signatures"), (out, artifacts) -> {
            Path unsigned = work.resolve("greeter.jar");
            Files.copy(artifacts.extract("greeter-jvm-v1.jar"), unsigned);
            Files.copy(unsigned, plugins.resolve("greeter.jar"));
            awaitOutput(out, "load failed: (greeter.jar): ");
            new ArtifactSigner(keys.getPrivate()).sign(unsigned);
            Files.copy(SignatureFile.of(unsigned), plugins.resolve("greeter.jar.sig")); // a new signature retries it
            awaitOutput(out, "loaded greeter@1.0.0 (jvm, greeter.jar)");
        });
        String refusal = console.out().lines().filter(l -> l.startsWith("load failed: (greeter.jar): ")).findFirst().orElseThrow();
        assertTrue(refusal.contains("expected a signature file greeter.jar.sig"), refusal);
    }

    @Test
    void requiringSignaturesWithoutAKeyIsAUsageError() {
        Console console = new Console();
        int status = console.execute("run", plugins.toString(), "--require-signatures");
        assertEquals(2, status);
        assertEquals("graft run: --require-signatures: expected a key to check them against (--trust KEY), found none"
                + System.lineSeparator(), console.err());
    }

    @Test
    void jfrIntoAFolderThatIsNotThereIsAUsageError() {
        Console console = new Console();
        Path nowhere = work.resolve("missing").resolve("run.jfr");
        int status = console.execute("run", plugins.toString(), "--jfr", nowhere.toString());
        assertEquals(2, status);
        assertEquals("graft run: --jfr " + nowhere + ": expected a file to write in a writable folder, found no writable folder "
                + nowhere.getParent() + System.lineSeparator(), console.err());
    }

    @Test
    void printsLoadedWhenAPluginIsCopiedInAndReloadedWhenItIsReplaced() throws Exception {
        Console console = runWhile((out, artifacts) -> {
            Files.copy(artifacts.extract("greeter-jvm-v1.jar"), plugins.resolve("greeter.jar"));
            awaitOutput(out, "loaded greeter@1.0.0 (jvm, greeter.jar)");

            Files.copy(artifacts.extract("greeter-jvm-v2.jar"), plugins.resolve("greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
            awaitOutput(out, "reloaded greeter 1.0.0 -> 2.0.0");
        });
        assertTrue(console.out().contains("unloaded greeter@2.0.0"), "closing the runtime unloads: " + console.out());
    }

    @Test
    void runsTheExamplePluginsOfEveryKind() throws Exception {
        Console console = runWhile((out, artifacts) -> {
            // one at a time: all three are the plugin greeter
            Files.copy(artifacts.extract("greeter-native-v1.so"), plugins.resolve("greeter.so"));
            awaitOutput(out, "loaded greeter@1.0.0 (native, greeter.so)");
            Files.delete(plugins.resolve("greeter.so"));
            awaitOutput(out, "unloaded greeter@1.0.0");

            Files.copy(artifacts.extract("greeter-wasm-v2.wasm"), plugins.resolve("greeter.wasm"));
            awaitOutput(out, "loaded greeter@2.0.0 (wasm, greeter.wasm)");
        });
        assertTrue(console.out().lines().noneMatch(l -> l.contains("failed")), console.out());
    }

    @Test
    void jvmPluginsUseTheContractsOfTheClassPathGiven() throws Exception {
        Path contracts = Javac.compile(work.resolve("contracts"), Map.of("Clock", CLOCK));
        Path tower = pluginJar(Javac.compile(work.resolve("tower"), Map.of("TowerClock", TOWER), contracts));

        Console console = runWhile(List.of("--classpath", contracts.toString(), "--contract", "com.example.clock.Clock"),
                (out, artifacts) -> {
                    Files.copy(tower, plugins.resolve("tower.jar"));
                    awaitOutput(out, "loaded tower@1.0.0 (jvm, tower.jar)");
                });
        assertTrue(console.out().lines().noneMatch(l -> l.contains("failed")), console.out());
    }

    @Test
    void aContractNotFoundIsAUsageErrorNamingWhereItLooked() {
        Console console = new Console();

        int status = console.execute("run", plugins.toString(), "--contract", "com.example.clock.Clock");

        assertEquals(2, status);
        assertEquals("graft run: expected a class com.example.clock.Clock, found none on graft's own class path",
                console.err().strip());
    }

    @Test
    void aClassThatIsNoContractIsAUsageError() {
        Console console = new Console();

        int status = console.execute("run", plugins.toString(), "--contract", "java.lang.String");

        assertEquals(2, status);
        assertTrue(console.err().startsWith("graft run: --contract java.lang.String: expected an interface annotated @"),
                console.err());
    }

    @Test
    void aNativePluginWhoseContractIsNotRegisteredIsToldToNameItWithContract() throws Exception {
        // zlib through a sidecar, for a contract graft run has no Java interface for
        Console console = runWhile((out, artifacts) -> {
            Files.writeString(plugins.resolve("zlib.graft-native"), """
                    id = checksum
                    version = 1.0.0
                    provides = example.checksum@1.0
                    library = libz.so.1
                    function.crc32 = crc32(u64, ptr, u32) -> u64
                    """);
            awaitOutput(out, "load failed: ");
        });
        String failed = console.out().lines().filter(l -> l.startsWith("load failed: ")).findFirst().orElseThrow();
        assertEquals("load failed: plugin 'checksum' (zlib.graft-native): expected the host to know contract "
                + "example.checksum@1.0, found no Java interface for it (a host registers it with Graft.builder().contract(...);"
                + " graft run with --contract CLASS, and --classpath if the class is not on graft's own)", failed);
    }

    /** A plugin jar of the classes in {@code classes} (TowerClock), with its manifest. */
    private Path pluginJar(Path classes) throws IOException {
        return PluginJar.write(work.resolve("tower.jar"), """
                id = tower
                version = 1.0.0
                provides = example.clock@1.0
                provider.example.clock = com.example.tower.TowerClock
                """, classes, "com/example/tower/TowerClock.class");
    }

    /** What a test does to the plugin folder while {@code graft run} watches it. */
    private interface Steps {
        void run(Console console, DemoArtifacts artifacts) throws Exception;
    }

    /** Runs {@code graft run} on the folder in a thread while {@code steps} run, then interrupts it (as Ctrl-C would). */
    private Console runWhile(Steps steps) throws Exception {
        return runWhile(List.of(), steps);
    }

    /** The same, with options after the folder. */
    private Console runWhile(List<String> options, Steps steps) throws Exception {
        return runWhile(new Console(), options, steps);
    }

    /** The same, on a given console. */
    private Console runWhile(Console console, List<String> options, Steps steps) throws Exception {
        AtomicInteger status = new AtomicInteger(-1);
        List<String> args = new ArrayList<>(List.of("run", plugins.toString()));
        args.addAll(options);
        Thread run = Thread.ofPlatform().name("graft-run-under-test")
                .start(() -> status.set(console.execute(args.toArray(String[]::new))));
        try (DemoArtifacts artifacts = DemoArtifacts.extract()) {
            awaitOutput(console, "graft run: watching");
            steps.run(console, artifacts);
        } finally {
            run.interrupt();
            run.join();
        }
        assertEquals(0, status.get(), "exit status after interruption; err:\n" + console.err());
        return console;
    }

    @Test
    void aMissingFolderIsAUsageErrorWithAClearMessage() {
        Console console = new Console();
        Path missing = plugins.resolve("no-such-folder");

        int status = console.execute("run", missing.toString());

        assertEquals(2, status);
        assertEquals("graft run: expected a plugin folder, found nothing at " + missing, console.err().strip());
    }

    @Test
    void aFileIsAUsageErrorWithAClearMessage() throws IOException {
        Console console = new Console();
        Path file = Files.writeString(plugins.resolve("greeter.jar"), "not a folder");

        int status = console.execute("run", file.toString());

        assertEquals(2, status);
        assertEquals("graft run: expected a plugin folder, found a file at " + file, console.err().strip());
    }

    /** Waits, within {@link #PATIENCE}, until a line of the output starts with {@code prefix}. */
    static void awaitOutput(Console console, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (console.out().lines().noneMatch(l -> l.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                fail("expected a line starting with '" + prefix + "' within " + PATIENCE.toSeconds() + " s, found output:\n"
                        + console.out() + "\nerr:\n" + console.err());
            }
            Thread.sleep(20);
        }
    }
}
