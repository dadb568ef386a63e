package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.Journal;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiesce point (DESIGN.md, reload step 3), on which G4 State survives rests: state is taken
 * from the old version only when no call runs in it, calls arriving meanwhile wait and then run
 * the new version, and a version that drains before it stops is stopped only once its calls returned.
 */
class G4QuiescePointTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    private Graft graft(Duration quiesceTimeout) {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).quiesceTimeout(quiesceTimeout).build();
    }

    @RepeatedTest(3)
    void stateIsTakenWhenNoCallRunsInTheOldVersionAndNoUpdateIsLost() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").keepsState().sleepMillis(1));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").keepsState().sleepMillis(1));
        int reloads = 100;
        try (Graft graft = graft()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            Callers callers = Callers.start(6, "caller", () -> echo.next(1));
            try {
                for (int k = 1; k <= reloads; k++) {
                    graft.reload("a", k % 2 == 1 ? v2 : v1);
                }
            } finally {
                callers.stop();
            }
            int calls = (int) callers.returned();

            List<Journal.Entry> taken = loader.journal().of("takeState");
            assertEquals(reloads, taken.size());
            assertEquals(List.of(), taken.stream().filter(e -> e.activeCalls() != 0).toList(),
                    "takeState ran while calls were in flight in the old version");
            assertEquals(calls, echo.next(0), "every finished call's update survived " + reloads + " hand-overs");
        }
    }

    @Test
    void callsArrivingDuringTheQuiesceWaitThenRunTheNewVersion() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").keepsState().gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("v2").keepsState());
        Gate gate = loader.gate("v1");
        try (Graft graft = graft()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            echo.next(5);
            gate.close();
            Threads.Running<Integer> inFlight = Threads.start("in-flight", () -> echo.next(1));
            Threads.Running<PluginInfo> reload;
            Threads.Running<String> arriving;
            try {
                gate.awaitWaiting(1);
                reload = Threads.start("reload", () -> graft.reload("a", v2));
                Threads.awaitInside(reload.thread(), CallTracker.class, "awaitDrained");
                // the reload waits for the call in flight; a call arriving now waits at the quiesce point
                arriving = Threads.start("arriving", echo::answer);
                Threads.awaitInside(arriving.thread(), CallTracker.class, "awaitRelease");
                assertTrue(loader.journal().of("takeState").isEmpty(), "no state is taken while a call runs in v1");
            } finally {
                gate.open();
            }
            assertEquals(6, inFlight.result(), "the call in flight finished in v1");
            assertEquals("2.0.0", reload.result().version().toString());
            assertEquals("v2", arriving.result(), "the call that waited ran the new version");
            assertEquals(0, loader.journal().of("takeState").getFirst().activeCalls());
            assertEquals(7, echo.next(1), "v2 took v1's state after the call in flight had updated it");
        }
    }

    @Test
    void versionThatDrainsIsStoppedOnlyAfterItsCallsReturned() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").drainBeforeStop().gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("v2"));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft()) {
            String v1Label = graft.load(v1).label();
            Echo echo = graft.contract(Echo.class);
            gate.close();
            Threads.Running<String> inFlight = Threads.start("in-flight", echo::answer);
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2); // returns without waiting for the call in flight
                assertEquals("v2", echo.answer(), "new calls run v2 while v1 still has a call in flight");
                assertFalse(loader.journal().steps(v1Label).contains("stop"), "v1 is not stopped while its call is parked");
            } finally {
                gate.open();
            }
            assertEquals("v1", inFlight.result());
            events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v1Label));
            Journal.Entry stop = loader.journal().of("stop").stream().filter(e -> e.label().equals(v1Label)).findFirst().orElseThrow();
            assertEquals(0, stop.activeCalls(), "v1 was stopped with a call still in flight");
        }
    }

    @Test
    void versionThatDoesNotDrainIsStoppedAtOnceEvenWithACallInIt() throws Exception {
        // the contrast to the test above: uncounted versions pay nothing per call, and are not waited for
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("v2"));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft()) {
            String v1Label = graft.load(v1).label();
            Echo echo = graft.contract(Echo.class);
            gate.close();
            Threads.Running<String> inFlight = Threads.start("in-flight", echo::answer);
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2);
                events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v1Label));
                Journal.Entry stop = loader.journal().of("stop").stream().filter(e -> e.label().equals(v1Label)).findFirst().orElseThrow();
                assertEquals(1, stop.activeCalls());
            } finally {
                gate.open();
            }
            assertEquals("v1", inFlight.result(), "the call finishes in the version it started in");
        }
    }

    /**
     * A stateful dependent B, in the middle of a call, calls its provider A while A is reloaded
     * with its state. The reload re-links B, so it quiesces both; B's call must be able to finish.
     */
    @Test
    void dependentCallingItsProviderDuringTheQuiesceDoesNotStallTheReload() throws Exception {
        TestPlugins plugins = new TestPlugins(Files.createDirectory(dir.resolve("plugins")));
        plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("a1").keepsState());
        plugins.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0").answer("b1")
                .keepsState().gate("b"));
        TestPlugins next = new TestPlugins(Files.createDirectory(dir.resolve("next")));
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2").keepsState());
        Gate gate = loader.gate("b");
        try (Graft graft = graft(Duration.ofSeconds(3))) {
            graft.loadAll(plugins.dir());
            Mirror b = graft.contract(Mirror.class);
            gate.close();
            // parked at b's gate, before it calls a
            Threads.Running<String> inFlight = Threads.start("in-flight", b::answer);
            Threads.Running<PluginInfo> reload;
            try {
                gate.awaitWaiting(1);
                reload = Threads.start("reload", () -> graft.reload("a", a2));
                Threads.awaitInside(reload.thread(), CallTracker.class, "awaitDrained");
            } finally {
                gate.open();
            }
            PluginInfo reloaded = assertDoesNotThrow(reload::result,
                    "b's call in flight calls a: the reload must let it finish rather than time out");
            assertEquals("2.0.0", reloaded.version().toString());
            assertTrue(List.of("b1(a1)", "b1(a2)").contains(inFlight.result()));
            assertEquals("b1(a2)", b.answer());
        }
    }
}
