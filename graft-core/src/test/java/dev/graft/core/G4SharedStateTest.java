package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.state.StateBlock;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G4 State survives, for state kept in host-owned blocks (native and wasm plugins), in the core:
 * a reload that keeps the shape shares the block and never makes a caller wait; one that changes it
 * maps the block at the quiesce point, after every version still sharing the old block drained.
 */
class G4SharedStateTest {

    private static final String SHAPE = "counter: i32";
    private static final String WIDER = "extra: i64; counter: i32";

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();

    private Graft graft(Duration quiesceTimeout) {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).quiesceTimeout(quiesceTimeout).build();
    }

    private TestPlugin version(String version, String shape) {
        return TestPlugin.of("a", version).provides("test.echo@1.0").answer("v" + version.charAt(0)).keepsBlockState(shape);
    }

    @Test
    void aReloadThatKeepsTheShapeSharesTheBlockWithoutWaitingForCallsInFlight() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", version("1.0.0", SHAPE).gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", version("2.0.0", SHAPE));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft(Duration.ofSeconds(30))) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            echo.next(5);
            gate.close();
            Threads.Running<Integer> inFlight = Threads.start("in-flight", () -> echo.next(1));
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2); // returns although a call is in flight in v1: nothing waits for it
                assertEquals("v2", echo.answer());
                assertEquals(15, echo.next(10), "v2 counts on from v1's block");
            } finally {
                gate.open();
            }
            assertEquals(16, inFlight.result(), "the call in flight finished in v1, against the same block");
            assertEquals(17, echo.next(1));
            assertTrue(loader.journal().of("takeState").isEmpty(), "nothing was read or mapped");
            assertEquals(17, graft.state("a").orElseThrow().get("counter"));
            GraftEvent.Reloaded reloaded = events.all(GraftEvent.Reloaded.class).getLast();
            assertEquals(StateReport.SHARED, reloaded.state());
            assertTrue(reloaded.toString().endsWith("; state shared (same shape)"), reloaded.toString());
            assertEquals(java.time.Duration.ZERO, reloaded.quiesce(), "sharing holds no caller");
        }
    }

    @Test
    void aShapeChangeWaitsForOlderVersionsStillRunningAgainstTheSharedBlock() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", version("1.0.0", SHAPE).gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", version("2.0.0", SHAPE));
        Path v3 = plugins.write("a-v3.testplugin", version("3.0.0", WIDER));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft(Duration.ofSeconds(30))) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            gate.close();
            Threads.Running<Integer> inFlight = Threads.start("in-flight", () -> echo.next(1));
            Threads.Running<PluginInfo> mapping;
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2); // shared: v1 still runs against the block
                mapping = Threads.start("mapping", () -> graft.reload("a", v3));
                Threads.awaitInside(mapping.thread(), CallTracker.class, "awaitDrained");
                assertTrue(loader.journal().of("takeState").isEmpty(), "the block is not read while v1 may still write it");
            } finally {
                gate.open();
            }
            assertEquals(1, inFlight.result());
            assertEquals("3.0.0", mapping.result().version().toString());
            assertEquals(1, graft.state("a").orElseThrow().get("counter"), "v1's update was in the block when it was mapped");
            assertEquals(3, echo.next(2));
            GraftEvent.Reloaded reloaded = events.all(GraftEvent.Reloaded.class).getLast();
            StateReport report = reloaded.state();
            assertEquals(StateReport.Mode.MAPPED, report.mode());
            assertTrue(reloaded.quiesce().isPositive() && reloaded.quiesce().compareTo(reloaded.publish()) <= 0,
                    "callers were held while the state was mapped, within publish: " + reloaded);
            assertTrue(reloaded.toString().contains(", callers held "), reloaded.toString());
            assertEquals(StateChange.Kind.NEW, report.change("extra").orElseThrow().kind());
        }
    }

    @Test
    void aShapeChangeThatTimesOutNamesTheOlderVersionsAndLeavesTheBlockServing() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", version("1.0.0", SHAPE).gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", version("2.0.0", SHAPE));
        Path v3 = plugins.write("a-v3.testplugin", version("3.0.0", WIDER));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft(Duration.ofMillis(200))) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            gate.close();
            Threads.Running<Integer> inFlight = Threads.start("in-flight", () -> echo.next(1));
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2);
                QuiesceTimeoutException e = assertThrows(QuiesceTimeoutException.class, () -> graft.reload("a", v3));
                assertTrue(e.getMessage().contains("and the older versions sharing its state"), e.getMessage());
                assertEquals("v2", echo.answer(), "v2 serves on");
            } finally {
                gate.open();
            }
            assertEquals(1, inFlight.result());
            assertEquals(3, echo.next(2));
        }
    }

    @RepeatedTest(3)
    void noUpdateIsLostAcrossSharedAndMappedReloads() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        List<Path> versions = List.of(
                plugins.write("a-v1.testplugin", version("1.0.0", SHAPE)),
                plugins.write("a-v2.testplugin", version("2.0.0", SHAPE)),
                plugins.write("a-v3.testplugin", version("3.0.0", WIDER)),
                plugins.write("a-v4.testplugin", version("4.0.0", WIDER)));
        int blocks = StateBlock.live();
        try (Graft graft = graft(Duration.ofSeconds(30))) {
            graft.load(versions.getFirst());
            Echo echo = graft.contract(Echo.class);
            Callers callers = Callers.start(4, "caller", () -> echo.next(1));
            try {
                for (int i = 1; i <= 200; i++) {
                    graft.reload("a", versions.get(i % versions.size()));
                }
            } finally {
                callers.stop();
            }
            int calls = (int) callers.returned();
            assertEquals(calls, graft.state("a").orElseThrow().get("counter"), "every finished call's update survived");
            List<StateReport.Mode> modes = events.all(GraftEvent.Reloaded.class).stream().map(r -> r.state().mode()).distinct()
                    .toList();
            assertTrue(modes.containsAll(List.of(StateReport.Mode.SHARED, StateReport.Mode.MAPPED)), modes.toString());
        }
        assertEquals(blocks, StateBlock.live(), "every block was freed with its last version, once close retired them");
    }
}
