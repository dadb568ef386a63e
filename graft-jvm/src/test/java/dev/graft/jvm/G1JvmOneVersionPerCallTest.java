package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.testing.ReloadRace;
import dev.graft.core.testing.ReloadRace.Seen;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 with real JVM plugins: 8 threads call through one proxy while 200 reloads alternate v1 and v2.
 * Every call is answered, only by v1 or v2, and a call that starts after a reload returned (with
 * no later reload begun before it ended) answers with that reload's version.
 */
class G1JvmOneVersionPerCallTest {

    private static final int THREADS = 8;
    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void callsRacingReloadsSeeOneVersionAndTheNewOneOnceReloadReturns() throws Exception {
        Path v1 = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, "v1.jar");
        Path v2 = TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "v2.jar");

        try (Graft graft = Graft.builder().build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            ReloadRace.run(THREADS, RELOADS,
                    (thread, n) -> Seen.of(greeting.greet("x"), "v1 hello x", "v2 hi x"),
                    toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
                    .assertHeld();
            assertEquals("v1 hello y", greeting.greet("y"), "200 reloads end on v1");
        }
    }
}
