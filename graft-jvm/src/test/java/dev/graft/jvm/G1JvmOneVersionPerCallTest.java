package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
            AtomicLong started = new AtomicLong();   // reloads begun
            AtomicLong completed = new AtomicLong(); // reloads returned
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        long before = completed.get();
                        String answer;
                        try {
                            answer = greeting.greet("x");
                        } catch (RuntimeException e) {
                            problems.add("call threw " + e);
                            continue;
                        }
                        long begunAfter = started.get();
                        calls.incrementAndGet();
                        if (!answer.equals("v1 hello x") && !answer.equals("v2 hi x")) {
                            problems.add("unexpected answer " + answer);
                        } else if (begunAfter == before) {
                            // no reload began since reload #before returned: only its version may answer
                            String expected = before % 2 == 0 ? "v1 hello x" : "v2 hi x";
                            if (!answer.equals(expected)) {
                                problems.add("after reload " + before + " returned, got " + answer);
                            }
                        }
                    }
                }));
            }
            for (int i = 1; i <= RELOADS; i++) {
                started.set(i);
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
                completed.set(i);
                Thread.onSpinWait();
            }
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(calls.get() > RELOADS, "callers made " + calls.get() + " calls");
            assertEquals("v1 hello y", greeting.greet("y"), "200 reloads end on v1");
        }
    }
}
