package dev.graft.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.PluginException;
import dev.graft.core.Version;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G3 Nothing leaks, for what the core owns: Graft's private copies of artifacts, and the retiring
 * of old versions. (What a loader maps or loads is each loader's to test.)
 */
class G3NothingLeaksTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private TestPlugins plugins;
    private final Events bus = new Events();
    private Lifecycle lifecycle;

    @BeforeEach
    void start() {
        plugins = new TestPlugins(dir);
        bus.subscribe(events);
        lifecycle = new Lifecycle(List.of(loader), bus, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        lifecycle.close();
    }

    private List<Path> copies() throws IOException {
        try (Stream<Path> files = Files.list(lifecycle.storeDirectory())) {
            return files.toList();
        }
    }

    @Test
    void hundredsOfReloadsLeaveOneCopyPerLivePlugin() throws IOException {
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").drainBeforeStop());
        lifecycle.load(v1);
        int reloads = 300;
        for (int k = 1; k <= reloads; k++) {
            lifecycle.reload("a", k % 2 == 1 ? v2 : v1);
        }
        events.await(GraftEvent.Retired.class, e -> events.all(GraftEvent.Retired.class).size() == reloads); // retirements end

        assertEquals(1, copies().size(), "copies left: " + copies());
        assertEquals(reloads, loader.journal().of("close").size(), "every old version was closed");
    }

    @Test
    void failedLoadsAndReloadsLeaveNoCopyBehind() throws IOException {
        lifecycle.load(plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0")));
        lifecycle.load(plugins.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").depends("a@1.0").provides("test.mirror@1.0")));

        assertThrows(PluginException.class, () -> lifecycle.load(plugins.write(TestPlugin.of("c", "1.0.0").fail("start"))));
        assertThrows(PluginException.class, () -> lifecycle.reload("a",
                plugins.write("a-v2.testplugin", TestPlugin.of("a", "1.1.0").provides("test.echo@1.0").fail("prepare"))));
        // b accepts only a 1.x: its re-link fails after a's new version and b's new copy were made
        assertThrows(PluginException.class, () -> lifecycle.reload("a",
                plugins.write("a-v3.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0"))));
        assertThrows(PluginException.class, () -> lifecycle.loadAll(dir));

        assertEquals(2, copies().size(), "only a's and b's live copies remain: " + copies());
    }

    @Test
    void oneVersionsLongDrainDoesNotHoldBackOtherRetirements() throws Exception {
        // slow's old version has a call in flight and must drain; quick's old version has none
        Gate gate = loader.gate("slow");
        lifecycle.load(plugins.write(TestPlugin.of("slow", "1.0.0").provides("test.echo@1.0").drainBeforeStop().gate("slow")));
        lifecycle.load(plugins.write(TestPlugin.of("quick", "1.0.0").provides("test.mirror@1.0")));
        Echo slow = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
        gate.close();
        Threads.Running<String> inFlight = Threads.start("in-flight", slow::answer);
        try {
            gate.awaitWaiting(1);
            lifecycle.reload("slow", plugins.write("slow-v2.testplugin", TestPlugin.of("slow", "2.0.0").provides("test.echo@1.0")));
            lifecycle.reload("quick", plugins.write("quick-v2.testplugin", TestPlugin.of("quick", "2.0.0").provides("test.mirror@1.0")));

            // retiring quick@1.0.0 takes milliseconds; five seconds is plenty unless it waits behind slow's drain
            events.await(GraftEvent.Retired.class, e -> e.pluginId().equals("quick"), Duration.ofSeconds(5));
            assertFalse(loader.journal().steps(loader.journal().labels("slow").getFirst()).contains("stop"));
        } finally {
            gate.open();
        }
        assertEquals("1.0.0", inFlight.result());
        events.await(GraftEvent.Retired.class, "slow");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closingFromAnInterruptedThreadStillWaitsForEveryRetirement(boolean byCollection) throws Exception {
        // a version with a call in flight: its retirement waits for the call (counted, or proven
        // unreachable by the collector), so close must wait too
        Gate gate = loader.gate("slow");
        TestPlugin slowPlugin = TestPlugin.of("slow", "1.0.0").provides("test.echo@1.0").gate("slow");
        lifecycle.load(plugins.write(byCollection ? slowPlugin.retireWhenUnreachable() : slowPlugin.drainBeforeStop()));
        Echo slow = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
        gate.close();
        Threads.Running<String> inFlight = Threads.start("in-flight", slow::answer);
        gate.awaitWaiting(1);
        Thread closing = Thread.currentThread();
        // opens the gate only once close() is waiting for the retirement: then close cannot have returned early
        Threads.Running<Boolean> opener = Threads.start("opener", () -> {
            Threads.awaitInside(closing, Retirer.class, "close");
            gate.open();
            return true;
        });
        Path store = lifecycle.storeDirectory();

        closing.interrupt();
        lifecycle.close();

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        assertTrue(opener.result());
        assertEquals("1.0.0", inFlight.result());
        assertEquals(byCollection ? List.of("prepare", "start", "awaitCollection", "stop", "close")
                        : List.of("prepare", "start", "stop", "close"),
                loader.journal().steps(loader.journal().labels("slow").getFirst()), "retired before close returned");
        assertFalse(Files.exists(store), "and the copies' folder is gone");
    }

    @Test
    void subscriberThrowingAnErrorDoesNotKeepTheReplacedVersionFromRetiring() {
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0"));
        String v1Label = lifecycle.load(v1).label();
        Events.Subscription failing = bus.subscribe(event -> {
            throw new AssertionError("a host's subscriber failed");
        });
        try {
            lifecycle.reload("a", v2);
        } catch (AssertionError e) {
            // whether the subscriber's Error reaches the caller is not what this test is about
        } finally {
            failing.close();
        }

        events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v1Label), Duration.ofSeconds(5));
        assertEquals(List.of("prepare", "start", "stop", "close"), loader.journal().steps(v1Label));
    }
}
