package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deadline's handshake under a race: a second watchdog with a deadline of zero interrupts
 * every call it sees running twice, while four threads call a JavaScript plugin of two contexts.
 * Every call either answers right or fails as overdue; none fails as cancelled, which is what an
 * interrupt meant for one call that reached the next call of the same context would give; and the
 * pool stays within its bound. Repeated, since it is a race.
 */
class G5ScriptInterruptHitsOnlyItsCallTest {

    private static final int CALLERS = 4;
    private static final int CALLS = 300;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void anInterruptReachesOnlyTheCallItWasMeantFor() throws Exception {
        Path file = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), """
                function greet(name) { return name; }
                function next(n) { let s = 0; for (let i = 0; i < 2000; i++) { s += i; } return n + 1; }
                """);
        AtomicReference<PolyglotPlugin> plugin = new AtomicReference<>();
        try (Graft graft = JsGreetingRuntime.build(2, plugin::set)) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            ContextPool pool = plugin.get().pool();
            AtomicBoolean calling = new AtomicBoolean(true);
            Thread watchdog = Thread.ofPlatform().start(() -> {
                while (calling.get()) {
                    for (GuestContext context : pool.open) {
                        context.interruptIfOverdue(System.nanoTime(), 0);
                    }
                }
            });
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger overdue = new AtomicInteger();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int t = i;
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int k = 0; k < CALLS; k++) {
                            try {
                                int answer = greeting.next(t * CALLS + k);
                                if (answer != t * CALLS + k + 1) {
                                    wrong.add("expected " + (t * CALLS + k + 1) + ", found " + answer);
                                }
                            } catch (GuestTimeoutException e) {
                                overdue.incrementAndGet();
                            } catch (GuestCallException e) {
                                wrong.add(e.getMessage());
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            start.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            calling.set(false);
            watchdog.join();
            assertEquals(List.of(), List.copyOf(wrong), "calls answered wrongly or were hit by an interrupt not meant for them");
            assertTrue(overdue.get() > 0, "expected the racing watchdog to interrupt some calls, found none interrupted");
            assertTrue(pool.open.size() <= 2, "expected at most 2 contexts, found " + pool.open.size());
            assertEquals(3, greeting.next(2), "the interrupted contexts serve the next call");
        }
    }
}
