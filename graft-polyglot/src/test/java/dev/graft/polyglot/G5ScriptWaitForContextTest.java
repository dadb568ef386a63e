package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Gate;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5: a call that finds every context of the version busy waits at most the call deadline, then
 * fails with what was expected and found; the busy call (held in a host function that ignores the
 * deadline's interrupt) finishes when the host lets it, and the next call works.
 */
class G5ScriptWaitForContextTest {

    @TempDir
    Path dir;

    @Test
    void aCallFindingEveryContextBusyFailsAfterTheDeadline() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        Path file = Scripts.js(dir, "gated.js", Scripts.greeting("gated", "1.0.0") + "imports = test.gate@1.0\n", """
                function greet(name) { if (name === 'hold') { test_gate.pass(); } return 'v1 ' + name; }
                function next(n) { return n + 1; }
                """);
        JsPluginLoader loader = new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(1)
                .withCallTimeout(Duration.ofMillis(300)));
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader)
                .hostModule(Gate.class, context -> () -> {
                    entered.countDown();
                    while (open.getCount() > 0) { // deaf to the deadline's interrupt: the call stays in the host
                        try {
                            open.await();
                        } catch (InterruptedException e) {
                            // keep holding
                        }
                    }
                })
                .grant("gated", Gate.class)
                .build()) {
            graft.load(file);
            Greeting greeting = graft.contract(Greeting.class);
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> greeting.greet("hold"));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first call reached the host");
            GuestCallException busy = assertThrows(GuestCallException.class, () -> greeting.next(1));
            assertTrue(busy.getMessage().contains("plugin 'gated' (gated@1.0.0#1), function next: expected a free context "
                    + "within 300 ms, found all 1 busy"), busy.getMessage());
            open.countDown();
            // The held call either finishes or, if the deadline's interrupt landed once the host let it go, is
            // stopped as a timeout: both are its own outcome, never another call's.
            Throwable failure = held.handle((answer, thrown) -> {
                assertTrue(thrown != null || "v1 hold".equals(answer), String.valueOf(answer));
                return thrown instanceof CompletionException wrapped ? wrapped.getCause() : thrown;
            }).get(30, TimeUnit.SECONDS);
            assertTrue(failure == null || failure instanceof GuestTimeoutException, String.valueOf(failure));
            assertEquals(2, greeting.next(1), "the next call works");
        }
    }
}
