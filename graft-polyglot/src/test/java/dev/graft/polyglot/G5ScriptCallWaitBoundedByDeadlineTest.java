package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G5: one deadline bounds a call's wait for a free context and its run together. Two platform
 * threads call at once into a pool of one context, each call running for 1.2 s of a 2 s deadline:
 * one runs and answers, the other waits about 1.2 s for the context, then has about 0.8 s of its
 * deadline left and is stopped there, rather than running 1.2 s more, and its message says how
 * much of the deadline went waiting; neither comes back later than 1.5 deadlines (the watchdog's
 * lateness included). Before the wait counted, the second answered after about 2.4 s.
 */
class G5ScriptCallWaitBoundedByDeadlineTest {

    private static final long DEADLINE_MS = 2_000;
    private static final int RUN_MS = 1_200;
    private static final long GENEROUS_MS = DEADLINE_MS * 3 / 2;
    private static final String JS = """
            function greet(name) { return name; }
            function next(ms) { const start = Date.now(); while (Date.now() - start < ms) { } return ms + 1; }
            """;
    private static final String PYTHON = """
            import time

            def greet(name):
                return name

            def next(ms):
                start = time.monotonic()
                while time.monotonic() - start < ms / 1000:
                    pass
                return ms + 1
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void noCallOutlastsItsDeadlineByWaitingFirst(String language) throws Exception {
        PolyglotSettings settings = PolyglotSettings.defaults().withMaxContexts(1).withCallTimeout(Duration.ofMillis(DEADLINE_MS));
        PolyglotPluginLoader loader = Scripts.loader(language, settings);
        Path file = Scripts.write(language, dir, "spin", Scripts.greeting("spin", "1.0.0"), language.equals("js") ? JS : PYTHON);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            calls(greeting, 1, 50); // warm, so the round below times calls

            ConcurrentLinkedQueue<String> outcomes = calls(greeting, 2, RUN_MS);
            assertEquals(1, outcomes.stream().filter(o -> o.startsWith("answered")).count(), "one ran first: " + outcomes);
            assertEquals(1, outcomes.stream().filter(o -> o.startsWith("stopped")).count(),
                    "the other had only what its wait left of the deadline: " + outcomes);
        }
    }

    /** {@code callers} platform threads (a pool of one binds none to them) call {@code next(ms)} at once; how each call ended, and how long it took. */
    private static ConcurrentLinkedQueue<String> calls(Greeting greeting, int callers, int ms) throws InterruptedException {
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = System.nanoTime();
                String outcome;
                try {
                    outcome = greeting.next(ms) == ms + 1 ? "answered" : "wrong";
                } catch (GuestWaitTimeoutException e) {
                    outcome = "failed waiting " + e.getMessage();
                } catch (GuestTimeoutException e) {
                    outcome = e.getMessage().contains(" ms of it went waiting for a free context)") ? "stopped" : "stopped unsaid " + e;
                } catch (RuntimeException e) {
                    outcome = "failed " + e;
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                outcomes.add((took > GENEROUS_MS ? "late " : "") + outcome + " after " + took + " ms");
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return outcomes;
    }
}
