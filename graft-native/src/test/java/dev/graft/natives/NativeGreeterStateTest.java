package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example greeters keep their own count of greetings in their state (the demo's contract):
 * versions 1 and 2 have different shapes, and the count survives reloads both ways, between C and
 * Rust builds too. And the Rust SDK's own tests (graft_state!'s struct and declaration) pass.
 */
class NativeGreeterStateTest {

    @TempDir
    Path dir;

    @Test
    void cGreeterCountsItsGreetingsAcrossReloadsBothWays() {
        try (Graft graft = Fixtures.greeterHost().build()) {
            graft.load(Fixtures.copy("greeter_v1", dir, "v1.so"));
            Greeter greeter = graft.contract(Greeter.class);
            greeter.greet("a");
            graft.reload("greeter", Fixtures.copy("greeter_v2", dir, "v2.so"));
            greeter.greet("abcd");
            greeter.greet("ab");
            assertEquals(Map.of("greetings", 3L, "longest", 4), graft.state("greeter").orElseThrow());
            graft.reload("greeter", Fixtures.copy("greeter_v1", dir, "v1-again.so"));
            greeter.greet("b");
            assertEquals(Map.of("greetings", 4L), graft.state("greeter").orElseThrow(), "v2 -> v1 drops longest, keeps the count");
        }
    }

    @Test
    void rustGreeterSharesTheCountWithTheCOne() {
        Path rustV1 = Fixtures.rustGreeter("v1", dir, "rust-v1.so");
        Path rustV2 = Fixtures.rustGreeter("v2", dir, "rust-v2.so");
        try (Graft graft = Fixtures.greeterHost().build()) {
            graft.load(Fixtures.copy("greeter_v2", dir, "c-v2.so"));
            Greeter greeter = graft.contract(Greeter.class);
            greeter.greet("abc");
            graft.reload("greeter", rustV2); // the same shape: shared
            greeter.greet("abcdefg");
            graft.reload("greeter", rustV1);
            greeter.greet("x");
            assertEquals(Map.of("greetings", 3L), graft.state("greeter").orElseThrow());
            graft.reload("greeter", rustV2);
            greeter.greet("xy");
            assertEquals(Map.of("greetings", 4L, "longest", 2), graft.state("greeter").orElseThrow(),
                    "longest was dropped by v1, and starts again");
        }
    }

    @Test
    void rustSdkTestsPass() throws Exception {
        Assumptions.assumeTrue(Fixtures.cargoRuns(), "cargo --version fails: the Rust SDK's tests were not run");
        Path sdk = Path.of("..", "sdk", "rust").toAbsolutePath().normalize();
        Process cargo = new ProcessBuilder("cargo", "test", "--quiet", "--offline", "--manifest-path",
                sdk.resolve("Cargo.toml").toString(), "--target-dir", Path.of("target", "cargo-sdk").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(cargo.getInputStream().readAllBytes());
        assertTrue(cargo.waitFor(10, TimeUnit.MINUTES), "cargo test finished");
        assertEquals(0, cargo.exitValue(), output);
        assertTrue(output.contains("test result: ok"), output);
    }
}
