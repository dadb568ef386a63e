package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
            AtomicLong started = new AtomicLong();   // reloads begun
            AtomicLong completed = new AtomicLong(); // reloads returned
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    int n = seed;
                    while (!stop.get()) {
                        long before = completed.get();
                        String answer;
                        int next;
                        try {
                            answer = greeter.greet("x" + n);
                            next = greeter.next(n);
                        } catch (RuntimeException e) {
                            problems.add("call threw " + e);
                            continue;
                        }
                        long begunAfter = started.get();
                        calls.incrementAndGet();
                        boolean one = answer.equals("Hello, x" + n + "!");
                        boolean two = answer.equals("Hi there, x" + n + "!");
                        if (!one && !two || next != n + 1 && next != n + 2) {
                            problems.add("unexpected answers " + answer + ", " + next);
                        } else if (begunAfter == before) {
                            // no reload began since reload #before returned: only its version may answer
                            boolean expectOne = before % 2 == 0;
                            if (one != expectOne || next != n + (expectOne ? 1 : 2)) {
                                problems.add("after reload " + before + " returned, got " + answer + ", " + next);
                            }
                        }
                        n++;
                    }
                }));
            }
            for (int i = 1; i <= reloads; i++) {
                started.set(i);
                graft.reload("greeter", i % 2 == 1 ? v2 : v1);
                completed.set(i);
            }
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(5, problems.size())));
            assertTrue(calls.get() > reloads, "callers made " + calls.get() + " calls");
            assertEquals("Hello, y!", greeter.greet("y"), "an even number of reloads ends on v1");
        }
    }
}
