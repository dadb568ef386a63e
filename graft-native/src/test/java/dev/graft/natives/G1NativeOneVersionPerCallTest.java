package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.core.testing.ReloadRace.Seen;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 with native plugins: threads call through one proxy while reloads alternate two builds of the
 * greeter. Every call is answered, only by v1 or v2, greet and next from the same version, and a
 * call that starts after a reload returned (with no later reload begun before it ended) answers
 * with that reload's version. Old versions are unmapped while this runs, so a call that reached a
 * retired library would crash the JVM, not just fail the test.
 */
class G1NativeOneVersionPerCallTest {

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void callsRacingReloadsOfTheCGreeterSeeOneVersion() throws Exception {
        race(Fixtures.copy("greeter_v1", dir, "v1.so"), Fixtures.copy("greeter_v2", dir, "v2.so"), 150);
    }

    @Test
    void callsRacingReloadsBetweenCAndRustSeeOneVersion() throws Exception {
        race(Fixtures.copy("greeter_v1", dir, "c-v1.so"), Fixtures.rustGreeter("v2", dir, "rust-v2.so"), 60);
    }

    private static void race(Path v1, Path v2, int reloads) throws Exception {
        try (Graft graft = Fixtures.greeterHost().build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            ReloadRace.run(THREADS, reloads,
                    (thread, n) -> Seen.of(greeter.greet("x" + n), "Hello, x" + n + "!", "Hi there, x" + n + "!")
                            .and(Seen.of(greeter.next(n), n + 1, n + 2)),
                    toSecond -> graft.reload("greeter", toSecond ? v2 : v1))
                    .assertHeld();
            assertEquals("Hello, y!", greeter.greet("y"), "an even number of reloads ends on v1");
        }
    }
}
