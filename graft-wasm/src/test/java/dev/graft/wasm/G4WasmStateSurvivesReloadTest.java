package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.PluginInfo;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.state.StateBlock;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.Threads;
import dev.graft.wasm.fixture.Counter;
import dev.graft.wasm.fixture.Hold;
import dev.graft.wasm.fixture.HoldGate;
import dev.graft.wasm.fixture.StateGuests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4 with wasm plugins: the state a guest keeps through {@code graft.state} survives reloads, with
 * no update lost, whether the new version shares the old one's block (same shape: no quiesce) or
 * gets it mapped at the quiesce point (another shape); every instance of a version's pool updates
 * the one block; and (G3) the blocks of old versions are freed.
 */
class G4WasmStateSurvivesReloadTest {

    private static final String V1 = "count: i32; legacy: i32";
    private static final String V2 = "count: i64 was total; extra: i32";
    private static final String V3 = "total: i64 was count; extra: i32";

    @TempDir
    Path dir;

    private Path counter(String file, String version, String state, long size, boolean wide, boolean hold) {
        String manifest = hold
                ? StateGuests.manifest("counter", version, "test.counter@1.0", state, size, "imports = test.wasm.hold@1.0")
                : StateGuests.manifest("counter", version, "test.counter@1.0", state, size);
        return Wat.write(dir, file, manifest, StateGuests.counter(wide, hold));
    }

    /**
     * The lost-update race of every kind: 8 threads increment without pause while the plugin is
     * reloaded 1000 times, v1 -> v2, then v3, v2, v3, ... (a shape change every time, so every
     * reload quiesces and maps); the count equals the increments that returned.
     */
    @Test
    void noIncrementIsLostAcross1000Reloads() throws Exception {
        Path v1 = counter("v1.wasm", "1.0.0", V1, 8, false, false);
        Path v2 = counter("v2.wasm", "2.0.0", V2, 16, true, false);
        Path v3 = counter("v3.wasm", "3.0.0", V3, 16, true, false);
        List<StateReport> reports = new CopyOnWriteArrayList<>();
        int reloads = 1000;
        try (Graft graft = Graft.builder().contract(Counter.class).subscribe(e -> {
            if (e instanceof GraftEvent.Reloaded r) {
                reports.add(r.state());
            }
        }).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            Callers callers = Callers.start(8, "caller", counter::increment);
            long started = System.nanoTime();
            try {
                for (int k = 1; k <= reloads; k++) {
                    graft.reload("counter", k == 1 || k % 2 == 1 ? v2 : v3);
                }
            } finally {
                callers.stop();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long calls = callers.returned();
            System.out.printf("G4WasmStateSurvivesReloadTest: %d reloads in %d ms (%.1f ms each), %d increments%n",
                    reloads, millis, millis / (double) reloads, calls);

            assertEquals(calls, counter.count(), "every increment that returned is counted, after " + reloads + " reloads");
            assertEquals(calls, graft.state("counter").orElseThrow().get("total"), "v3 keeps it as total");
            assertEquals(reloads, reports.size());
            assertTrue(reports.stream().allMatch(r -> r.mode() == StateReport.Mode.MAPPED), "every reload changed the shape");

            StateReport first = reports.getFirst();
            assertEquals(new StateChange(StateChange.Kind.CONVERTED, "count", "i32", "i64", null), first.change("count").orElseThrow());
            assertEquals(StateChange.Kind.DROPPED, first.change("legacy").orElseThrow().kind());
            assertEquals(StateChange.Kind.NEW, first.change("extra").orElseThrow().kind());
            assertEquals("state mapped: count i32 -> i64, extra new, legacy dropped, 0 kept", first.toString());
            StateReport toV3 = reports.get(1);
            assertEquals(new StateChange(StateChange.Kind.RENAMED, "total", "i64", "i64", "count"), toV3.change("total").orElseThrow());
            assertEquals(StateChange.Kind.KEPT, toV3.change("extra").orElseThrow().kind());
            StateReport backToV2 = reports.get(2);
            assertEquals(new StateChange(StateChange.Kind.RENAMED, "count", "i64", "i64", "total"), backToV2.change("count").orElseThrow());
        }
    }

    private static GraftBuilder withHold(HoldGate gate) {
        return Graft.builder().contract(Counter.class).quiesceTimeout(Duration.ofSeconds(20))
                .hostModule(Hold.class, context -> gate.moduleFor(context.versionLabel()))
                .grant("counter", Hold.class);
    }

    @Test
    void aSameShapeReloadSharesTheBlockAndDoesNotWaitForACallInFlight() throws Exception {
        Path a = counter("a.wasm", "1.0.0", "count: i64", 8, true, true);
        Path b = counter("b.wasm", "1.1.0", "count: i64", 8, true, true);
        HoldGate gate = new HoldGate();
        List<StateReport> reports = new CopyOnWriteArrayList<>();
        try (Graft graft = withHold(gate).subscribe(e -> {
            if (e instanceof GraftEvent.Reloaded r) {
                reports.add(r.state());
            }
        }).build()) {
            String aLabel = graft.load(a).label();
            Counter counter = graft.contract(Counter.class);
            assertEquals(1, counter.increment());
            Threads.Running<Long> inFlight = Threads.start("in-flight", counter::incrementSlowly);
            PluginInfo reloaded;
            try {
                gate.awaitArrivals(1);
                // returns although a call is held in the old version: sharing needs no quiesce
                reloaded = graft.reload("counter", b);
                assertEquals(List.of(StateReport.SHARED), reports);
                assertEquals(3, counter.increment(), "the new version counts on from the old one's update, made in a call still running");
            } finally {
                gate.open();
            }
            assertEquals("1.1.0", reloaded.version().toString());
            assertEquals(2, inFlight.result(), "the held call finished in the old version");
            assertEquals(List.of(aLabel), gate.arrivals());
            assertEquals(3, counter.count());
            assertEquals(3L, graft.state("counter").orElseThrow().get("count"));
        }
    }

    @Test
    void aCallInFlightDuringAShapeChangingReloadFinishesInTheOldVersionAndItsUpdateIsMapped() throws Exception {
        Path v1 = counter("v1.wasm", "1.0.0", V1, 8, false, true);
        Path v2 = counter("v2.wasm", "2.0.0", V2, 16, true, true);
        HoldGate gate = new HoldGate();
        try (Graft graft = withHold(gate).build()) {
            String v1Label = graft.load(v1).label();
            Counter counter = graft.contract(Counter.class);
            assertEquals(1, counter.increment());
            Threads.Running<Long> inFlight = Threads.start("in-flight", counter::incrementSlowly);
            Threads.Running<PluginInfo> reload;
            try {
                gate.awaitArrivals(1);
                reload = Threads.start("reload", () -> graft.reload("counter", v2));
                // the reload waits for the held call (Graft.state would wait for the reload: it takes the lifecycle lock)
                Threads.awaitInside(reload.thread(), CallTracker.class, "awaitDrained");
            } finally {
                gate.open();
            }
            assertEquals(2, inFlight.result());
            assertEquals(List.of(v1Label), gate.arrivals(), "the held call ran in v1");
            assertEquals("2.0.0", reload.result().version().toString());
            assertEquals(2L, graft.state("counter").orElseThrow().get("count"), "v2 got the count after the held call's update");
            assertEquals(3, counter.increment());
        }
    }

    @Test
    void everyInstanceOfThePoolUpdatesTheOneState() throws Exception {
        Path v1 = counter("v1.wasm", "1.0.0", "count: i64", 8, true, false);
        AtomicReference<WasmPlugin> prepared = new AtomicReference<>();
        WasmPluginLoader loader = new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(4), prepared::set);
        int threads = 8;
        int each = 2_000;
        try (Graft graft = Graft.builder().contract(Counter.class).discoverLoaders(false).loader(loader).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            CountDownLatch go = new CountDownLatch(1);
            List<Threads.Running<Long>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(Threads.start("caller-" + t, () -> {
                    go.await();
                    long last = 0;
                    for (int i = 0; i < each; i++) {
                        last = counter.increment();
                    }
                    return last;
                }));
            }
            go.countDown();
            for (Threads.Running<Long> caller : callers) {
                caller.result();
            }
            long instances = Arrays.stream(prepared.get().pool().lanes()).filter(lane -> lane.guest != null).count();
            assertTrue(instances > 1, "expected the concurrent calls to run in several instances, found " + instances);
            assertEquals((long) threads * each, counter.count(), "the " + instances + " instances updated one state");
        }
    }

    /** G3: the blocks of retired versions are freed, shared or mapped, and the last one at unload. */
    @Test
    void stateBlocksOfOldVersionsAreFreed() throws Exception {
        Path v2 = counter("v2.wasm", "2.0.0", V2, 16, true, false);
        Path v3 = counter("v3.wasm", "3.0.0", V3, 16, true, false);
        Path v3b = counter("v3b.wasm", "3.1.0", V3, 16, true, false); // v3's shape: shares its block
        int reloads = 200;
        CountDownLatch retired = new CountDownLatch(reloads);
        CountDownLatch unloaded = new CountDownLatch(reloads + 1);
        int baseline = StateBlock.live();
        try (Graft graft = Graft.builder().contract(Counter.class).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
                unloaded.countDown();
            }
        }).build()) {
            graft.load(v2);
            Counter counter = graft.contract(Counter.class);
            Callers caller = Callers.start(1, "caller", counter::increment);
            try {
                for (int k = 1; k <= reloads; k++) {
                    graft.reload("counter", switch (k % 3) {
                        case 1 -> v3;
                        case 2 -> v3b;
                        default -> v2;
                    });
                }
            } finally {
                caller.stop();
            }
            long calls = caller.returned();
            assertTrue(retired.await(30, TimeUnit.SECONDS), "every old version retired");
            assertEquals(baseline + 1, StateBlock.live(), "one block, the live version's, after " + reloads + " reloads");
            assertEquals(calls, counter.count());
            graft.unload("counter");
            assertTrue(unloaded.await(30, TimeUnit.SECONDS), "the last version retired");
            assertEquals(baseline, StateBlock.live(), "no block after unload");
        }
    }
}
