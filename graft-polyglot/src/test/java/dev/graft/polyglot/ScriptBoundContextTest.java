package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Reentry;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts bound to calling threads (ContextPool's class comment): platform threads bind at most
 * half the contexts, virtual threads none; a nested call on a thread whose bound context is in use
 * takes another; a context bound to a thread that ended is shared again when callers need it.
 */
class ScriptBoundContextTest {

    @TempDir
    Path dir;

    private final AtomicReference<PolyglotPlugin> latest = new AtomicReference<>();

    private Graft graft(int contexts) throws Exception {
        Path file = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        Graft graft = JsGreetingRuntime.build(contexts, latest::set);
        graft.load(file);
        return graft;
    }

    /** Runs {@code calls} calls of {@code next} on each thread, counting wrong answers and failures. */
    private static int callOn(List<Thread.Builder> threads, Greeting greeting, int calls) throws InterruptedException {
        return callOn(threads, greeting, calls, () -> { });
    }

    /**
     * As above, and runs {@code whileAllAlive} once every thread made its calls, before any ends:
     * once a bound thread ends, a caller finding no context free rightly shares its context again,
     * so a count of bindings read after the threads ended would race with the last callers.
     */
    private static int callOn(List<Thread.Builder> threads, Greeting greeting, int calls, Runnable whileAllAlive)
            throws InterruptedException {
        AtomicInteger wrong = new AtomicInteger();
        CyclicBarrier allCalled = new CyclicBarrier(threads.size(), whileAllAlive);
        List<Thread> started = new ArrayList<>();
        for (Thread.Builder builder : threads) {
            started.add(builder.start(() -> {
                for (int n = 0; n < calls; n++) {
                    try {
                        if (greeting.next(n) != n + 1) {
                            wrong.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        wrong.incrementAndGet();
                    }
                }
                try {
                    allCalled.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    wrong.incrementAndGet();
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        return wrong.get();
    }

    @Test
    void platformThreadsBindAtMostHalfTheContexts() throws Exception {
        try (Graft graft = graft(4)) {
            List<Thread.Builder> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                threads.add(Thread.ofPlatform());
            }
            AtomicInteger bound = new AtomicInteger(-1);
            assertEquals(0, callOn(threads, graft.contract(Greeting.class), 500, () -> bound.set(latest.get().pool().boundContexts())));
            ContextPool pool = latest.get().pool();
            assertTrue(bound.get() >= 1 && bound.get() <= 2, "expected 1 or 2 of 4 contexts bound, found " + bound.get());
            assertTrue(pool.open.size() <= 4, "expected at most 4 contexts, found " + pool.open.size());
        }
    }

    @Test
    void virtualThreadsBindNone() throws Exception {
        try (Graft graft = graft(4)) {
            List<Thread.Builder> threads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                threads.add(Thread.ofVirtual());
            }
            assertEquals(0, callOn(threads, graft.contract(Greeting.class), 20));
            assertEquals(0, latest.get().pool().boundContexts(), "contexts bound to virtual threads");
        }
    }

    @Test
    void aNestedCallTakesAnotherContextThanTheThreadsBoundOne() throws Exception {
        AtomicReference<Greeting> self = new AtomicReference<>();
        Path file = Scripts.js(dir, "nested.js", Scripts.greeting("nested", "1.0.0") + "imports = test.reentry@1.0\n", """
                function greet(name) { return name + ' ' + test_reentry.again(41); }
                function next(n) { return n + 1; }
                """);
        JsPluginLoader loader = new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(2), latest::set);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader)
                .hostModule(Reentry.class, context -> n -> self.get().next(n))
                .grant("nested", Reentry.class)
                .build()) {
            graft.load(file);
            self.set(graft.contract(Greeting.class));
            for (int i = 0; i < 50; i++) {
                assertEquals("z 42", self.get().greet("z"), "call " + i);
            }
            ContextPool pool = latest.get().pool();
            assertEquals(1, pool.boundContexts(), "the calling thread bound one context");
            assertEquals(2, pool.open.size(), "the outer and the nested call each had a context");
        }
    }

    @Test
    void aContextBoundToAThreadThatEndedIsSharedAgain() throws Exception {
        try (Graft graft = graft(2)) {
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals(0, callOn(List.of(Thread.ofPlatform()), greeting, 10)); // binds the first context, then ends
            ContextPool pool = latest.get().pool();
            assertEquals(1, pool.boundContexts(), "the ended thread's binding");
            assertEquals(1, pool.open.size());
            assertEquals(0, callOn(List.of(Thread.ofVirtual()), greeting, 10));
            assertEquals(1, pool.open.size(), "expected the ended thread's context to serve, found a new one made");
            assertEquals(0, pool.boundContexts(), "a binding left to a thread that ended");
        }
    }
}
