package dev.graft.natives;

import static dev.graft.natives.StateFixtures.assertChange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.state.StateBlock;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Threads;
import dev.graft.natives.fixture.Counter;
import dev.graft.natives.fixture.PauseModule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4 with native plugins: the counter in a native plugin's state block (src/test/c/counter.c)
 * survives reloads with no update lost, whether the block is mapped into a new shape at the
 * quiesce point or shared as it is by a version of the same shape; a call in flight during a reload
 * finishes in the old version and its update is in the new one's state; and blocks are freed with
 * their last version (G3).
 */
class G4NativeStateSurvivesReloadTest {

    private static final int THREADS = 8;
    private static final int RELOADS = 1000;

    @TempDir
    Path dir;

    private final PauseModule pause = new PauseModule();
    private final EventLog events = new EventLog();

    private Path fixture(String name) {
        return Fixtures.copy(name, dir, name + ".so");
    }

    @Test
    void noUpdateIsLostWhileShapesChangeAThousandTimes() throws Exception {
        Path v1 = fixture("counter_v1");
        Path v2 = fixture("counter_v2");
        Path v3 = fixture("counter_v3");
        try (Graft graft = StateFixtures.counterHost(pause).subscribe(events).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            Callers callers = Callers.start(THREADS, "increment", counter::increment);
            try {
                // v1 -> v2, then v3, v2, v3, ...: widened, dropped and added once, then renamed back and forth
                for (int k = 1; k <= RELOADS; k++) {
                    graft.reload("counter", k == 1 || k % 2 == 1 ? v2 : v3);
                }
            } finally {
                callers.stop();
            }
            long returned = callers.returned();

            assertTrue(returned > 0, "the callers raced the reloads");
            assertEquals(30, counter.version(), "the last reload went to v3");
            assertEquals(returned, counter.count(), "every increment that returned is counted, after " + RELOADS + " reloads");
            assertEquals(returned, ((Number) graft.state("counter").orElseThrow().get("total")).longValue());

            List<GraftEvent.Reloaded> reloads = events.all(GraftEvent.Reloaded.class);
            assertEquals(RELOADS, reloads.size());
            StateReport first = reloads.getFirst().state();
            assertEquals(StateReport.Mode.MAPPED, first.mode());
            assertChange(first, "count", StateChange.Kind.CONVERTED, "i32", "i64");
            assertChange(first, "legacy", StateChange.Kind.DROPPED, "i32", null);
            assertChange(first, "extra", StateChange.Kind.NEW, null, "i32");
            for (int k = 2; k <= RELOADS; k++) {
                StateReport report = reloads.get(k - 1).state();
                boolean toV3 = k % 2 == 0;
                StateChange renamed = assertChange(report, toV3 ? "total" : "count", StateChange.Kind.RENAMED, "i64", "i64");
                assertEquals(toV3 ? "count" : "total", renamed.detail());
                assertChange(report, "extra", StateChange.Kind.KEPT, "i32", "i32");
            }
            assertTrue(reloads.get(1).toString().contains("state mapped: total renamed from count, 1 kept"), reloads.get(1).toString());
        }
    }

    @Test
    void sameShapeSharesTheBlockAndTheReloadDoesNotWaitForACallInFlight() throws Exception {
        try (Graft graft = StateFixtures.counterHost(pause).subscribe(events).build()) {
            graft.load(fixture("counter_v2"));
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            Threads.Running<Integer> held = Threads.start("held", counter::pausedIncrement);
            pause.awaitPaused(1); // the call is inside v2's library, in the upcall to test.native.pause

            graft.reload("counter", fixture("counter_v2b")); // the same shape: returns with the call still held
            assertFalse(pause.released(), "the reload returned while the call in flight was still held in v2");
            assertFalse(held.task().isDone());
            assertEquals(StateReport.SHARED, events.await(GraftEvent.Reloaded.class, "counter").state());

            assertEquals(21, counter.increment(), "a new call runs the new build");
            assertEquals(2, counter.count(), "the new build sees the block as v2 left it, and its own update");
            pause.release();
            assertEquals(20, held.result(), "the held call finished in v2");
            assertEquals(3, counter.count(), "both versions' updates landed in the one block");
            assertEquals(3L, graft.state("counter").orElseThrow().get("count"));
        }
    }

    @Test
    void callInFlightDuringAShapeChangeFinishesInTheOldVersionAndItsUpdateIsMapped() throws Exception {
        try (Graft graft = StateFixtures.counterHost(pause).subscribe(events).build()) {
            graft.load(fixture("counter_v1"));
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            counter.increment();
            Threads.Running<Integer> held = Threads.start("held", counter::pausedIncrement);
            pause.awaitPaused(1);

            Threads.Running<?> reload = Threads.start("reload", () -> graft.reload("counter", fixture("counter_v2")));
            // a new shape: the reload waits at the quiesce point for the call in flight
            Threads.awaitInside(reload.thread(), CallTracker.class, "awaitDrained");
            assertFalse(reload.task().isDone());
            pause.release();

            assertEquals(10, held.result(), "the call in flight finished in v1");
            reload.result();
            assertEquals(20, counter.version());
            assertEquals(3, counter.count(), "its update was in v1's state when it was mapped into v2's");
            assertEquals(StateReport.Mode.MAPPED, events.await(GraftEvent.Reloaded.class, "counter").state().mode());
        }
    }

    @Test
    void blocksAreFreedWithTheirLastVersion() throws Exception {
        int before = StateBlock.live();
        int reloads = 200;
        List<Path> builds = List.of(fixture("counter_v2b"), fixture("counter_v3"), fixture("counter_v2"));
        CountDownLatch reloadedRetired = new CountDownLatch(reloads);
        CountDownLatch allRetired = new CountDownLatch(reloads + 1);
        try (Graft graft = StateFixtures.counterHost(pause).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                reloadedRetired.countDown();
                allRetired.countDown();
            }
        }).build()) {
            graft.load(fixture("counter_v2"));
            Counter counter = graft.contract(Counter.class);
            // shared (v2 -> v2b), mapped (v2b -> v3), mapped (v3 -> v2), ...
            for (int k = 0; k < reloads; k++) {
                graft.reload("counter", builds.get(k % builds.size()));
                counter.increment();
            }
            assertTrue(reloadedRetired.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "every replaced version retired");
            assertEquals(reloads, counter.count());
            assertEquals(before + 1, StateBlock.live(), "only the live version's block is left after " + reloads + " reloads");

            graft.unload("counter");
            assertTrue(allRetired.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the unloaded version retired");
            assertEquals(before, StateBlock.live(), "unloading frees the last block");
        }
    }
}
