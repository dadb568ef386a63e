package dev.graft.examples.greeter.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginLinkException;
import dev.graft.examples.greeter.Greeter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rust greeter (src/main/rust, docs/rust-wasm-plugins.md), built by the module's build with
 * rustc for wasm32-unknown-unknown where a rustc has that target, loads and serves the contract,
 * and a reload to its version 2 serves every new call (G1). Skipped, not failed, where no rustc
 * with the target is installed: the build said so, and built nothing.
 */
class G1RustWasmGreeterTest {

    private static final Path BUILT = Path.of("target", "rust");
    private static final Path BUILD = Path.of("src", "main", "rust", "build.sh");

    @TempDir
    Path dir;

    @Test
    void rustGreeterLoadsAndEveryCallAfterItsReloadRunsVersion2() {
        assumeBuilt();
        try (Graft graft = Graft.builder().contract(Greeter.class).build()) {
            graft.load(BUILT.resolve("greeter-rust-v1.wasm"));
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hello, Rust!", greeter.greet("Rust"));
            assertEquals("Hello, !", greeter.greet(""));
            assertEquals(2, greeter.next(1));
            graft.reload("greeter", BUILT.resolve("greeter-rust-v2.wasm"));
            assertEquals("Hi there, Rust!", greeter.greet("Rust"));
            assertEquals(3, greeter.next(1));
        }
    }

    /** Results the guest's bump allocator hands out are freed by the host, so memory stays put over many calls. */
    @Test
    void rustGreetersAllocatorServesManyCallsWithinItsSixteenPages() {
        assumeBuilt();
        try (Graft graft = Graft.builder().contract(Greeter.class).build()) {
            graft.load(BUILT.resolve("greeter-rust-v1.wasm"));
            Greeter greeter = graft.contract(Greeter.class);
            String name = "x".repeat(10_000);
            for (int i = 0; i < 2_000; i++) {
                assertEquals(10_008, greeter.greet(name).length());
            }
        }
    }

    /** rustc's default stack (1 MiB) makes 17 initial pages: a manifest limit of 16 refuses it, saying so (G5). */
    @Test
    void rustcsDefaultStackIsRefusedByTheManifestsSixteenPages() throws Exception {
        assumeBuilt();
        assertEquals(0, run(Map.of("STACK_SIZE", "1048576"), "sh", BUILD.toString(), dir.toString()));
        try (Graft graft = Graft.builder().contract(Greeter.class).build()) {
            PluginLinkException e = assertThrows(PluginLinkException.class,
                    () -> graft.load(dir.resolve("greeter-rust-v1.wasm")));
            assertTrue(e.getMessage().contains("plugin 'greeter' (greeter-rust-v1.wasm): expected the module's memory to start within the plugin's limit of 16 pages"
                    + " (1024 KiB), found it asks for 17 initial pages"), e.getMessage());
        }
    }

    private static void assumeBuilt() {
        assumeTrue(Files.exists(BUILT.resolve("greeter-rust-v1.wasm")) && Files.exists(BUILT.resolve("greeter-rust-v2.wasm")),
                "no rustc with the wasm32-unknown-unknown target here: the build did not build the Rust greeter");
    }

    private static int run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        System.out.print(output);
        return p.exitValue();
    }
}
