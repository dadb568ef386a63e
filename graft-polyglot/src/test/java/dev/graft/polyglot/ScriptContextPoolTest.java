package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context pool under many callers: 500 virtual threads calling a JavaScript plugin at once
 * get correct answers from at most the pool's bound of contexts (a context per thread would make
 * 500), and every context is used by one call at a time (a JavaScript context refuses a second
 * thread, so a broken bound would surface as a failed call). Repeated, since it is a race.
 */
class ScriptContextPoolTest {

    private static final int CALLERS = 500;
    private static final int BOUND = 3;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void virtualThreadsShareABoundedNumberOfContexts() throws Exception {
        Path file = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        AtomicReference<PolyglotPlugin> plugin = new AtomicReference<>();
        try (Graft graft = JsGreetingRuntime.build(BOUND, plugin::set)) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wrong = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int n = i;
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        for (int k = 0; k < 20; k++) {
                            if (!greeting.greet("t" + n).equals("v1 t" + n) || greeting.next(n + k) != n + k + 1) {
                                wrong.incrementAndGet();
                            }
                            mostOpen.accumulateAndGet(plugin.get().pool().open.size(), Math::max);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        wrong.incrementAndGet();
                    }
                }));
            }
            start.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            assertEquals(0, wrong.get(), "calls answered wrongly or failed");
            assertTrue(mostOpen.get() >= 1 && mostOpen.get() <= BOUND, "open contexts: " + mostOpen.get() + ", bound " + BOUND);
            assertTrue(plugin.get().pool().open.size() <= BOUND);
        }
    }
}
