package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.core.testing.ReloadRace.Seen;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 with real wasm plugins: 8 threads call through one proxy while 200 reloads alternate v1 and
 * v2. Every call is answered, only by v1 or v2 (a string through memory and a number agree on the
 * version), and a call that starts after a reload returned answers with that reload's version.
 */
class G1WasmOneVersionPerCallTest {

    private static final int THREADS = 8;
    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void callsRacingReloadsSeeOneVersionAndTheNewOneOnceReloadReturns() throws Exception {
        Path v1 = Wat.write(dir, "v1.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"), Guests.greeting("v1 hello ", 1));
        Path v2 = Wat.write(dir, "v2.wasm", Wat.manifest("greeting", "2.0.0", "test.greeting@1.0"), Guests.greeting("v2 hi ", 2));

        try (Graft graft = Graft.builder().contract(Greeting.class).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(THREADS, RELOADS,
                    (thread, n) -> Seen.of(greeting.greet("x" + thread), "v1 hello x" + thread, "v2 hi x" + thread)
                            .and(Seen.of(greeting.next(n), n + 1, n + 2)),
                    toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
                    .assertHeld();
            assertEquals("v1 hello y", greeting.greet("y"), "200 reloads end on v1");
        }
    }
}
