package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginStartException;
import dev.graft.core.QuiesceTimeoutException;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.Threads;
import dev.graft.natives.fixture.Counter;
import dev.graft.natives.fixture.PauseModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2 with native state: a reload that fails after the old block was mapped into the new version's
 * (its init fails, having written its own block), or while waiting for the old version's calls (the
 * quiesce times out), leaves the old version serving with its block byte for byte as it was; and
 * callers racing such reloads are all answered by the old version, every update kept.
 */
class G2NativeStateFailureTest {

    @TempDir
    Path dir;

    private final PauseModule pause = new PauseModule();

    private Path fixture(String name) {
        return Fixtures.copy(name, dir, name + ".so");
    }

    @Test
    void initFailingAfterTheMappingLeavesTheOldBlockAsItWas() {
        try (Graft graft = StateFixtures.counterHost(pause).build()) {
            graft.load(fixture("counter_v1"));
            Counter counter = graft.contract(Counter.class);
            for (int i = 0; i < 5; i++) {
                counter.increment();
            }
            byte[] block = counter.block();
            Map<String, Object> state = graft.state("counter").orElseThrow();

            Path broken = fixture("counter_v2_init_fails");
            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.reload("counter", broken));
            assertTrue(e.getMessage().contains("plugin 'counter'") && e.getMessage().contains("counter_v2_init_fails.so")
                    && e.getMessage().contains("init failed on purpose, after writing its state"), e.getMessage());

            assertArrayEquals(block, counter.block(), "v1's block, byte for byte");
            assertEquals(state, graft.state("counter").orElseThrow());
            assertEquals(10, counter.increment(), "v1 keeps serving");
            assertEquals(6, counter.count());
        }
    }

    /**
     * The documented limit (docs/native-plugins.md, "The honest limit"): with the same shape, the new
     * version's init gets the shared, live block, so what a failing init wrote there stays. Shown
     * here so that the documentation stays true.
     */
    @Test
    void sameShapeInitThatWritesStateAndFailsCannotBeUndone() {
        try (Graft graft = StateFixtures.counterHost(pause).build()) {
            graft.load(fixture("counter_v2"));
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            assertThrows(PluginStartException.class, () -> graft.reload("counter", fixture("counter_v2_init_fails")));
            assertEquals(20, counter.increment(), "v2 keeps serving");
            assertEquals(424_243, counter.count(), "the failed init's write into the shared block stayed");
        }
    }

    @Test
    void quiesceTimingOutLeavesTheOldVersionServingAndTheHeldCallsUpdateLands() throws Exception {
        try (Graft graft = StateFixtures.counterHost(pause).quiesceTimeout(Duration.ofMillis(200)).build()) {
            graft.load(fixture("counter_v1"));
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            byte[] block = counter.block();
            Threads.Running<Integer> held = Threads.start("held", counter::pausedIncrement);
            pause.awaitPaused(1);

            Path v2 = fixture("counter_v2");
            QuiesceTimeoutException e = assertThrows(QuiesceTimeoutException.class, () -> graft.reload("counter", v2));
            assertTrue(e.getMessage().contains("plugin 'counter'") && e.getMessage().contains("counter_v2.so")
                    && e.getMessage().contains("found 1 still running"), e.getMessage());
            assertArrayEquals(block, counter.block(), "v1's block is as it was: the held call has not updated it yet");
            assertEquals(10, counter.increment(), "v1 serves new calls again");

            pause.release();
            assertEquals(10, held.result(), "the held call finished in v1");
            assertEquals(3, counter.count(), "with its update and the new call's");
            graft.reload("counter", v2);
            assertEquals(3, counter.count(), "a later reload maps all of it");
        }
    }

    @Test
    void callersRacingFailedReloadsAreAllAnsweredByTheOldVersionWithTheirUpdatesKept() throws Exception {
        int reloads = 50;
        try (Graft graft = StateFixtures.counterHost(pause).build()) {
            graft.load(fixture("counter_v1"));
            Counter counter = graft.contract(Counter.class);
            Path broken = fixture("counter_v2_init_fails");
            LongAdder otherVersions = new LongAdder();
            Callers callers = Callers.start(8, "increment", () -> {
                if (counter.increment() != 10) {
                    otherVersions.increment();
                }
            });
            int failed = 0;
            try {
                for (int k = 0; k < reloads; k++) {
                    try {
                        graft.reload("counter", broken);
                    } catch (PluginStartException e) {
                        failed++;
                    }
                }
            } finally {
                callers.stop();
            }
            long returned = callers.returned();
            long others = otherVersions.sum();
            assertEquals(reloads, failed, "every reload failed in init");
            assertEquals(0, others, "every call was answered by v1");
            assertEquals(returned, counter.count(), "every update was kept");
            assertEquals("1.0.0", graft.plugin("counter").orElseThrow().version().toString());
        }
    }
}
