package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G6 for script plugins: after its first call (which binds the context it ran in, while it still
 * holds it) a platform thread calls through the context bound to it, the path with no atomic instruction to take a context (ContextPool's class comment), and no
 * other caller ever runs in that context. The guest counts the calls each of its contexts served:
 * the platform thread's answers go up by one each call while virtual threads call the same version
 * at the same time (sharing the other context), which holds only if every call of the platform
 * thread ran in its own context and no other call did. Repeated, since it is a race.
 */
class G6ScriptBoundCallPathTest {

    private static final int CALLS = 2_000;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aBoundThreadsCallsRunInItsOwnContextAlone() throws Exception {
        Path file = Scripts.js(dir, "counting.js", Scripts.greeting("counting", "1.0.0"), """
                let served = 0;
                function greet(name) { return name; }
                function next(n) { served += 1; return served; }
                """);
        AtomicReference<PolyglotPlugin> plugin = new AtomicReference<>();
        try (Graft graft = JsGreetingRuntime.build(2, plugin::set)) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicInteger sharedCalls = new AtomicInteger();
            List<Integer> bound = new ArrayList<>();
            AtomicInteger boundWhileAlive = new AtomicInteger(-1);
            Thread caller = Thread.ofPlatform().unstarted(() -> {
                for (int i = 0; i < CALLS; i++) {
                    bound.add(greeting.next(i));
                }
                // Read while this thread lives: once it ends, a virtual thread finding no context
                // free rightly shares its context again (ContextPool.shareContextsOfEndedThreads).
                boundWhileAlive.set(plugin.get().pool().boundContexts());
            });
            List<Thread> others = new ArrayList<>();
            caller.start();
            for (int t = 0; t < 8; t++) {
                others.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < CALLS / 8; i++) {
                        greeting.next(i);
                        sharedCalls.incrementAndGet();
                    }
                }));
            }
            caller.join();
            for (Thread other : others) {
                other.join();
            }
            assertEquals(1, boundWhileAlive.get(), "the calling platform thread bound a context");
            int first = bound.getFirst();
            for (int i = 0; i < CALLS; i++) {
                assertEquals(first + i, bound.get(i), "call " + i + " of the bound thread: another call ran in its context, "
                        + "or it ran in another");
            }
            assertEquals(CALLS / 8 * 8, sharedCalls.get());
        }
    }
}
