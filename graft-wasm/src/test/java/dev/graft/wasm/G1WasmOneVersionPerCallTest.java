package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
            AtomicLong started = new AtomicLong();   // reloads begun
            AtomicLong completed = new AtomicLong(); // reloads returned
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        long before = completed.get();
                        String answer;
                        int next;
                        try {
                            answer = greeting.greet("x" + id);
                            next = greeting.next(n);
                        } catch (RuntimeException e) {
                            problems.add("call threw " + e);
                            continue;
                        }
                        long begunAfter = started.get();
                        calls.incrementAndGet();
                        boolean one = answer.equals("v1 hello x" + id);
                        boolean two = answer.equals("v2 hi x" + id);
                        if (!one && !two || next != n + 1 && next != n + 2) {
                            problems.add("unexpected answers " + answer + ", " + next + " for " + n);
                        } else if (begunAfter == before) {
                            // no reload began since reload #before returned: only its version may answer
                            boolean expectOne = before % 2 == 0;
                            if (one != expectOne || next != n + (expectOne ? 1 : 2)) {
                                problems.add("after reload " + before + " returned, got " + answer + " and " + next);
                            }
                        }
                        n++;
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
