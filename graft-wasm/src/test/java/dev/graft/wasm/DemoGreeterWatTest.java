package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.testing.RecordingLog;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import dev.graft.wasm.tools.WatCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's greeter in WAT (examples/greeter-wasm, which graft-cli's demo runs), compiled here
 * with the same WatCompiler its build uses, loads and reloads like the JVM one, and logs through
 * graft.log when an instance starts, and counts its greetings in the host's counter through a
 * handle from example.tally. Compiled in the test because that module builds after this one.
 */
class DemoGreeterWatTest {

    private static final Path SOURCES = Path.of("..", "examples", "greeter-wasm", "src", "main", "wat");

    @TempDir
    Path dir;

    @Test
    void demoPluginsAnswerAsTheContractSaysAndReload() throws IOException {
        Path v1 = compile("greeter-wasm-v1");
        Path v2 = compile("greeter-wasm-v2");
        List<String> logged = new CopyOnWriteArrayList<>();
        HostCounters counters = new HostCounters();
        try (Graft graft = counters.offer(Graft.builder().contract(Greeter.class), "greeter")
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hello, world!", greeter.greet("world"));
            assertEquals(2, greeter.next(1));
            String label = graft.plugin("greeter").orElseThrow().label();
            assertTrue(logged.contains(label + " debug: greeter 1.0.0 (WAT) ready"), "its start function logged through graft.log: " + logged);
            graft.reload("greeter", v2);
            assertEquals("Hi there, world!", greeter.greet("world"));
            assertEquals(3, greeter.next(1));
            assertEquals("wasm", graft.plugin("greeter").orElseThrow().kind());
            assertTrue(logged.contains(graft.plugin("greeter").orElseThrow().label() + " debug: greeter 2.0.0 (WAT) ready"), String.valueOf(logged));
            assertEquals(2, counters.total("greetings"), "each version counted its greeting in the host's counter, through a handle");
        }
        assertEquals(2, counters.total("greetings"));
    }

    /**
     * The demo's state contract: greetings (i64) counts every greet that returned, in the plugin's
     * own state, across reloads both ways between two shapes (version 2 adds longest).
     */
    @Test
    void demoPluginsCountTheirGreetingsInStateAcrossReloadsBothWays() throws Exception {
        Path v1 = compile("greeter-wasm-v1");
        Path v2 = compile("greeter-wasm-v2");
        HostCounters counters = new HostCounters();
        try (Graft graft = counters.offer(Graft.builder().contract(Greeter.class), "greeter").build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            greeter.greet("a");
            greeter.greet("bb");
            assertEquals(Map.of("greetings", 2L), graft.state("greeter").orElseThrow());
            graft.reload("greeter", v2);
            assertEquals(Map.of("greetings", 2L, "longest", 0), graft.state("greeter").orElseThrow(), "longest is new");
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String name = "x".repeat(t + 1);
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 250; i++) {
                        greeter.greet(name);
                    }
                }));
            }
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(Map.of("greetings", 1002L, "longest", 4), graft.state("greeter").orElseThrow());
            graft.reload("greeter", v1);
            greeter.greet("c");
            assertEquals(Map.of("greetings", 1003L), graft.state("greeter").orElseThrow(), "back to v1: longest dropped, the count kept");
            assertEquals(1003, counters.total("greetings"), "the same count as the host's tally");
        }
    }

    private Path compile(String name) throws IOException {
        Path source = SOURCES.resolve(name + ".wat");
        return Files.write(dir.resolve(name + ".wasm"), WatCompiler.compile(Files.readString(source), source.toString()));
    }
}
