package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.DemoGreeter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's greeter in WAT (src/demo), compiled by the build with wabt, loads and reloads like the JVM one. */
class DemoGreeterWatTest {

    private static final Path DEMO = Path.of("target", "demo");

    @Test
    void builtDemoPluginsAnswerAsTheContractSaysAndReload() {
        Path v1 = DEMO.resolve("greeter-v1.wasm");
        Path v2 = DEMO.resolve("greeter-v2.wasm");
        assertTrue(Files.isRegularFile(v1) && Files.isRegularFile(v2), "the build compiled src/demo/*.wat into " + DEMO);
        try (Graft graft = Graft.builder().contract(DemoGreeter.class).build()) {
            graft.load(v1);
            DemoGreeter greeter = graft.contract(DemoGreeter.class);
            assertEquals("Hello, world!", greeter.greet("world"));
            assertEquals(2, greeter.next(1));
            graft.reload("greeter", v2);
            assertEquals("Hi there, world!", greeter.greet("world"));
            assertEquals(3, greeter.next(1));
            assertEquals("wasm", graft.plugin("greeter").orElseThrow().kind());
        }
    }
}
