package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateChange.Kind;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Threads;
import dev.graft.jvm.fixture.Counter;
import dev.graft.jvm.fixture.CounterStates;
import dev.graft.jvm.fixture.HeldCall;
import dev.graft.jvm.fixture.StateCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4 with real JVM plugins: a state record's value survives reloads, mapped when the record's shape
 * changes, and no update made by a call that returned is lost, however reloads and calls race.
 */
class G4JvmStateSurvivesReloadTest {

    private static final int THREADS = 8;
    private static final int RELOADS = 1000;

    @TempDir
    Path dir;

    /**
     * The lost-update race: 8 threads increment without pause while the plugin is reloaded 1000
     * times, v1 then v2, v3, v2, v3, ... (count widened, legacy dropped, extra new, then count
     * renamed back and forth). At the end the counter equals the increments that returned.
     */
    @Test
    void noIncrementIsLostAcrossAThousandReloadsThatChangeTheShape() throws Exception {
        Path v1 = StateJars.counter("1.0.0", StateCounter.V1.class, CounterStates.V1.class).write(dir, "v1.jar");
        Path v2 = StateJars.counter("2.0.0", StateCounter.V2.class, CounterStates.V2.class).write(dir, "v2.jar");
        Path v3 = StateJars.counter("3.0.0", StateCounter.V3.class, CounterStates.V3.class).write(dir, "v3.jar");
        EventLog events = new EventLog();
        try (Graft graft = Graft.builder().subscribe(events).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            Incrementers incrementers = Incrementers.start(counter, THREADS, null);
            try {
                graft.reload(StateJars.COUNTER, v2);
                for (int i = 2; i <= RELOADS; i++) {
                    graft.reload(StateJars.COUNTER, i % 2 == 0 ? v3 : v2);
                }
            } finally {
                incrementers.stop();
            }

            assertEquals(List.of(), incrementers.problems(), "no caller saw an error");
            long returned = incrementers.returned();
            assertTrue(returned > RELOADS, "callers raced the reloads: " + returned + " increments");
            // 1000 reloads: v2 then 999 alternating, ending on v3 (reload 1000 is even)
            assertEquals("3.0.0", graft.plugin(StateJars.COUNTER).orElseThrow().version().toString());
            assertEquals(returned, counter.count(), "the counter, through the contract");
            assertEquals(Map.of("total", returned, "extra", 0), graft.state(StateJars.COUNTER).orElseThrow(),
                    "the counter, through graft.state");

            List<StateReport> reports = events.all(GraftEvent.Reloaded.class).stream().map(GraftEvent.Reloaded::state).toList();
            assertEquals(RELOADS, reports.size());
            StateReport first = reports.getFirst();
            assertEquals(List.of(new StateChange(Kind.CONVERTED, "count", "i32", "i64", null),
                    new StateChange(Kind.NEW, "extra", null, "i32", null),
                    new StateChange(Kind.DROPPED, "legacy", "i32", null, null)), first.changes(), first.toString());
            assertEquals("state mapped: count i32 -> i64, extra new, legacy dropped, 0 kept", first.toString());
            assertEquals("state mapped: total renamed from count, 1 kept", reports.get(1).toString());
            assertEquals("state mapped: count renamed from total, 1 kept", reports.get(2).toString());
            assertTrue(reports.stream().skip(1).allMatch(r -> r.changes(Kind.RENAMED).size() == 1
                    && r.changes(Kind.KEPT).equals(List.of(new StateChange(Kind.KEPT, "extra", "i32", "i32", null)))),
                    "every later reload renames the counter and keeps extra");
        }
    }

    /**
     * A call in flight when a reload begins holds the reload at the quiesce point; it finishes in the
     * old version, and the new version's state has its increment.
     */
    @Test
    void aCallInFlightFinishesInTheOldVersionAndItsUpdateReachesTheNewOne() throws Exception {
        Path v1 = StateJars.counter("1.0.0", StateCounter.V1.class, CounterStates.V1.class).write(dir, "v1.jar");
        Path v2 = StateJars.counter("2.0.0", StateCounter.V2.class, CounterStates.V2.class).write(dir, "v2.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            HeldCall.arm();
            Threads.Running<String> held = Threads.start("held-call", counter::incrementHeld);
            HeldCall.awaitEntered();

            Threads.Running<Object> reload = Threads.start("reload", () -> graft.reload(StateJars.COUNTER, v2));
            Threads.awaitInside(reload.thread(), CallTracker.class, "awaitDrained"); // the quiesce point waits for the held call
            HeldCall.release();

            assertEquals("v1", held.result(), "the call in flight finished in the version it entered");
            reload.result();
            assertEquals(2, counter.count(), "v2 sees both increments, the held one included");
            assertEquals(Map.of("count", 2L, "extra", 0), graft.state(StateJars.COUNTER).orElseThrow());
            assertEquals("v2", counter.increment());
        }
    }

    /** State belongs to a loaded plugin: unloading drops it, and loading the plugin again starts from the defaults. */
    @Test
    void aStatefulPluginUnloadedAndLoadedAgainStartsFresh() {
        Path v1 = StateJars.counter("1.0.0", StateCounter.V1.class, CounterStates.V1.class).write(dir, "v1.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            counter.increment();
            counter.increment();
            assertEquals(Map.of("count", 2, "legacy", 0), graft.state(StateJars.COUNTER).orElseThrow());

            graft.unload(StateJars.COUNTER);
            assertTrue(graft.state(StateJars.COUNTER).isEmpty(), "no state while unloaded");
            graft.load(v1);

            assertEquals(0, counter.count(), "the same proxy reaches the new load, which starts fresh");
            assertEquals(Map.of("count", 0, "legacy", 0), graft.state(StateJars.COUNTER).orElseThrow());
        }
    }
}
