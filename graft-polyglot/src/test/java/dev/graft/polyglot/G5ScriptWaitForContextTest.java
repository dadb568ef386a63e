package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.polyglot.fixture.Greeting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5: a call that finds every context of the version busy waits at most the call deadline, then
 * fails with what was expected and found; the busy call (held in a host function that ignores the
 * deadline's interrupt) finishes when the host lets it, and the next call works. The failure is a
 * {@link GuestWaitTimeoutException} with the counts it names. When a context sat idle all along,
 * bound to another platform thread, the message says so rather than "busy"; when the pool has one
 * context because the plugin declares state, it says that rather than "raise maxContexts"; and a
 * thread that ends while a call waits frees its context for that call.
 */
class G5ScriptWaitForContextTest {

    private static final PolyglotSettings SETTINGS = PolyglotSettings.defaults().withCallTimeout(Duration.ofMillis(300));

    @TempDir
    Path dir;

    @Test
    void aCallFindingEveryContextBusyFailsAfterTheDeadline() throws Exception {
        try (GatedPlugin gated = new GatedPlugin(dir, SETTINGS.withMaxContexts(1))) {
            Greeting greeting = gated.greeting;
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> greeting.greet("hold"));
            assertTrue(gated.awaitHeld(), "the first call reached the host");
            GuestWaitTimeoutException busy = assertThrows(GuestWaitTimeoutException.class, () -> greeting.next(1));
            assertEquals(List.of(1, 1, 0), List.of(busy.contexts(), busy.busy(), busy.boundToOthers()));
            assertEquals("plugin 'gated' (gated@1.0.0#1), function next: expected a free context within the call's deadline of"
                    + " 300 ms, found its only context busy with another call for all of it; the call did not run (more concurrent"
                    + " callers than free contexts wait: raise the pool's size, 1 now, with PolyglotSettings.withMaxContexts(n)"
                    + " given to the loader, give calls a longer deadline with PolyglotSettings.withCallTimeout, or make them"
                    + " shorter or fewer)", busy.getMessage());
            gated.release();
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

    @Test
    void aWaitBesideAnIdleContextBoundToAnotherThreadSaysSo() throws Exception {
        try (GatedPlugin gated = new GatedPlugin(dir, SETTINGS.withMaxContexts(2))) {
            Greeting greeting = gated.greeting;
            CountDownLatch end = new CountDownLatch(1);
            Thread binder = gated.startBinder(end); // a startup thread: calls once, keeps its context, lives on
            Thread holder = gated.startHeldCall();
            assertTrue(gated.awaitHeld(), "the held call reached the host");
            GuestWaitTimeoutException waited = assertThrows(GuestWaitTimeoutException.class, () -> greeting.next(1));
            assertEquals(List.of(2, 1, 1), List.of(waited.contexts(), waited.busy(), waited.boundToOthers()));
            assertTrue(waited.getMessage().contains("expected a free context within the call's deadline of 300 ms, found none of"
                    + " the 2 contexts free for all of it: 1 busy with other calls, 1 bound to other platform threads (1 of them"
                    + " idle; a platform thread keeps a context it gave back while fewer than half are bound, for itself alone,"
                    + " until it ends); the call did not run"), waited.getMessage());
            gated.release();
            holder.join();
            end.countDown();
            binder.join();
        }
    }

    @Test
    void aPluginWithStateHasOneContextAndItsWaitSaysWhy() throws Exception {
        try (GatedPlugin gated = new GatedPlugin(dir, SETTINGS.withMaxContexts(4), "state = greetings: i64\n")) {
            Thread holder = gated.startHeldCall();
            assertTrue(gated.awaitHeld(), "the held call reached the host");
            GuestWaitTimeoutException waited = assertThrows(GuestWaitTimeoutException.class, () -> gated.greeting.next(1));
            assertTrue(waited.getMessage().endsWith("found its only context busy with another call for all of it; the call did"
                    + " not run (a plugin that declares state runs its calls one at a time, in one context: give calls a longer"
                    + " deadline with PolyglotSettings.withCallTimeout, or make them shorter or fewer)"), waited.getMessage());
            assertEquals(1, gated.graft.stats().getFirst().instances().capacity(), "one context, whatever maxContexts says");
            gated.release();
            holder.join();
        }
    }

    @Test
    void aThreadThatEndsWhileACallWaitsFreesItsBoundContextForIt() throws Exception {
        try (GatedPlugin gated = new GatedPlugin(dir, SETTINGS.withMaxContexts(2).withCallTimeout(Duration.ofSeconds(20)))) {
            Greeting greeting = gated.greeting;
            CountDownLatch end = new CountDownLatch(1);
            Thread binder = gated.startBinder(end); // a startup thread: calls once, keeps its context, lives on
            Thread holder = gated.startHeldCall();
            assertTrue(gated.awaitHeld(), "the held call reached the host");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> greeting.next(41));
            Thread.sleep(200); // the call is waiting: neither context is free to it
            assertFalse(waiting.isDone(), "the call waits");
            end.countDown(); // the binder ends: its context is free to the waiting call at its next look
            assertEquals(42, waiting.get(10, TimeUnit.SECONDS), "answered long before its 20 s deadline");
            binder.join();
            gated.release();
            holder.join();
        }
    }
}
