package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.wasm.fixture.DemoGreeter;
import dev.graft.wasm.fixture.RecordingLog;
import dev.graft.wasm.tools.WatCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's greeter in WAT (examples/greeter-wasm, which graft-cli's demo runs), compiled here
 * with the same WatCompiler its build uses, loads and reloads like the JVM one, and logs through
 * graft.log when an instance starts. Compiled in the test because that module builds after this one.
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
        try (Graft graft = Graft.builder().contract(DemoGreeter.class)
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .build()) {
            graft.load(v1);
            DemoGreeter greeter = graft.contract(DemoGreeter.class);
            assertEquals("Hello, world!", greeter.greet("world"));
            assertEquals(2, greeter.next(1));
            String label = graft.plugin("greeter").orElseThrow().label();
            assertTrue(logged.contains(label + " debug: greeter 1.0.0 ready"), "its start function logged through graft.log: " + logged);
            graft.reload("greeter", v2);
            assertEquals("Hi there, world!", greeter.greet("world"));
            assertEquals(3, greeter.next(1));
            assertEquals("wasm", graft.plugin("greeter").orElseThrow().kind());
            assertTrue(logged.contains(graft.plugin("greeter").orElseThrow().label() + " debug: greeter 2.0.0 ready"), String.valueOf(logged));
        }
    }

    private Path compile(String name) throws IOException {
        Path source = SOURCES.resolve(name + ".wat");
        return Files.write(dir.resolve(name + ".wasm"), WatCompiler.compile(Files.readString(source), source.toString()));
    }
}
