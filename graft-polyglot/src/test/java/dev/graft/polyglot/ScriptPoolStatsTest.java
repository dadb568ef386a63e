package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.InstanceStats;
import dev.graft.core.PluginStats;
import dev.graft.polyglot.fixture.Greeting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft.stats()} shows a script plugin's context pool (docs/operations.md, "Stats"): of 2
 * contexts, a platform thread binds one and stays alive; a call held in a host function (deaf to
 * the deadline's interrupt) makes and holds the other; a third call finds none free, waits its
 * whole deadline and fails. The stats say so at each step, and, once the held call is over, that
 * no call is in a context.
 */
class ScriptPoolStatsTest {

    @TempDir
    Path dir;

    @Test
    void statsCountContextsCallsBindingsAndWaits() throws Exception {
        try (GatedPlugin gated = new GatedPlugin(dir, PolyglotSettings.defaults().withMaxContexts(2)
                .withCallTimeout(Duration.ofMillis(300)))) {
            Graft graft = gated.graft;
            Greeting greeting = gated.greeting;
            assertEquals(new InstanceStats(2, 1, 0, 0, 1, 0, 0), instances(graft), "the context made while loading");

            CountDownLatch end = new CountDownLatch(1);
            Thread binder = gated.startBinder(end); // a startup thread: calls once, keeps its context, lives on
            assertEquals(new InstanceStats(2, 1, 0, 1, 1, 0, 0), instances(graft), "the platform thread kept it, bound");

            Thread holder = gated.startHeldCall();
            assertTrue(gated.awaitHeld(), "the held call reached the host");
            assertEquals(new InstanceStats(2, 2, 1, 1, 2, 0, 0), instances(graft), "a second context made, and held");

            assertThrows(GuestCallException.class, () -> greeting.next(1), "none free within the deadline");
            PluginStats stats = graft.stats().getFirst();
            assertEquals(new InstanceStats(2, 2, 1, 1, 2, 1, 1), stats.instances(), "one wait, timed out");
            assertTrue(stats.toString().endsWith("; instances 2 of 2 open, 1 in a call, 1 bound; 2 made, 1 waits (1 timed out)"),
                    stats.toString());

            gated.release();
            holder.join();
            end.countDown();
            binder.join();
            InstanceStats after = instances(graft);
            assertEquals(0, after.inCall(), after.toString());
            // the held call's context is closed if the deadline's interrupt outlasted its second, else kept
            assertTrue(after.open() == 1 || after.open() == 2, after.toString());
            assertEquals(2, after.made(), after.toString());
            assertEquals(1, after.waitsTimedOut(), after.toString());
        }
    }

    private static InstanceStats instances(Graft graft) {
        return graft.stats().getFirst().instances();
    }
}
