package dev.graft.core.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.graft.core.ContractType;
import dev.graft.core.Version;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.HostModules;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.Journal;
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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 for versions whose loader proves through the garbage collector that no call runs in them
 * ({@code PreparedPlugin.retireWhenUnreachable}, as native libraries do): the core drops its own
 * references to their implementations, asks the collector for proof, and stops and closes a
 * version only once it came, which a call in flight holds back however many collections run.
 * (Closing with such a call in flight: {@code G3NothingLeaksTest}.)
 */
class G3RetiredWhenUnreachableTest {

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
        lifecycle = new Lifecycle(List.of(loader), bus, Duration.ofSeconds(5), HostModules.defaults(), new HandleTable(), Duration.ZERO);
    }

    @AfterEach
    void close() {
        lifecycle.close();
    }

    @RepeatedTest(3)
    void aVersionIsStoppedOnlyOnceTheCollectorFindsItsLastCallReturned() throws Exception {
        Gate gate = loader.gate("slow");
        lifecycle.load(plugins.write(TestPlugin.of("slow", "1.0.0").provides("test.echo@1.0").retireWhenUnreachable().gate("slow")));
        Echo slow = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
        gate.close();
        Threads.Running<String> inFlight = Threads.start("in-flight", slow::answer);
        Journal journal = loader.journal();
        String v1 = journal.labels("slow").getFirst();
        try {
            gate.awaitWaiting(1);
            lifecycle.reload("slow", plugins.write("slow-v2.testplugin",
                    TestPlugin.of("slow", "2.0.0").provides("test.echo@1.0").retireWhenUnreachable()));
            assertEquals("2.0.0", slow.answer(), "new calls run the new version at once");
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(List.of("prepare", "start", "awaitCollection"), journal.steps(v1),
                    "a call runs in v1: it awaits collection, not stopped");
        } finally {
            gate.open();
        }
        assertEquals("1.0.0", inFlight.result(), "the call in flight finished in its version");
        events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v1), Duration.ofSeconds(30));
        assertEquals(List.of("prepare", "start", "awaitCollection", "stop", "close"), journal.steps(v1));
        assertEquals(0, journal.of("stop").getFirst().activeCalls(), "no call was in flight when it stopped");
    }

    /**
     * A reload storm with the default kind of wait (an hour here, so that only the count can
     * trigger it): once {@code CollectionRequests.MANY_UNTRIED} versions await the collector's
     * proof, Graft asks for a collection at once, so a storm never leaves thousands retiring.
     */
    @Test
    void aReloadStormAsksForACollectionOnceManyVersionsAwaitOne() throws Exception {
        lifecycle.close();
        lifecycle = new Lifecycle(List.of(loader), bus, Duration.ofSeconds(5), HostModules.defaults(), new HandleTable(),
                Duration.ofHours(1));
        int reloads = CollectionRequests.MANY_UNTRIED + 44;
        Path[] versions = {
            plugins.write("storm-v1.testplugin", TestPlugin.of("storm", "1.0.0").retireWhenUnreachable()),
            plugins.write("storm-v2.testplugin", TestPlugin.of("storm", "2.0.0").retireWhenUnreachable()),
        };
        lifecycle.load(versions[0]);
        for (int i = 1; i <= reloads; i++) {
            lifecycle.reload("storm", versions[i % 2]);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.all(GraftEvent.Retired.class).size() < reloads - CollectionRequests.MANY_UNTRIED
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(events.all(GraftEvent.Retired.class).size() >= reloads - CollectionRequests.MANY_UNTRIED,
                "a collection was asked for when " + CollectionRequests.MANY_UNTRIED + " versions awaited one, not after an hour: "
                        + events.all(GraftEvent.Retired.class).size() + " of " + reloads + " retired");
    }

    @Test
    void aVersionPinnedByAParkedCallHoldsBackNoLaterVersion() throws Exception {
        // collections asked for after 200 ms: v1 is pinned by a call parked in it, v2 must not wait behind it
        lifecycle.close();
        lifecycle = new Lifecycle(List.of(loader), bus, Duration.ofSeconds(5), HostModules.defaults(), new HandleTable(),
                Duration.ofMillis(200));
        Gate gate = loader.gate("slow");
        lifecycle.load(plugins.write(TestPlugin.of("slow", "1.0.0").provides("test.echo@1.0").retireWhenUnreachable().gate("slow")));
        Echo slow = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
        gate.close();
        Threads.Running<String> parked = Threads.start("parked", slow::answer);
        Journal journal = loader.journal();
        try {
            gate.awaitWaiting(1);
            lifecycle.reload("slow", plugins.write("slow-v2.testplugin",
                    TestPlugin.of("slow", "2.0.0").provides("test.echo@1.0").retireWhenUnreachable()));
            Thread.sleep(3000); // several collections: v1 stays, pinned, and is asked for less and less often
            lifecycle.reload("slow", plugins.write("slow-v3.testplugin",
                    TestPlugin.of("slow", "3.0.0").provides("test.echo@1.0").retireWhenUnreachable()));
            String v2 = journal.labels("slow").get(1);
            // v2 is untried: its collection comes 200 ms after its retirement, not at v1's next (seconds away)
            events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v2), Duration.ofMillis(2500));
            assertFalse(journal.steps(journal.labels("slow").getFirst()).contains("stop"), "v1 still has its call parked");
        } finally {
            gate.open();
        }
        assertEquals("1.0.0", parked.result());
        String v1 = journal.labels("slow").getFirst();
        events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v1), Duration.ofSeconds(30));
    }

    @Test
    void hundredsOfReloadsRetireEveryVersionAndLeaveOneCopy() throws IOException {
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").retireWhenUnreachable());
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").retireWhenUnreachable());
        lifecycle.load(v1);
        Echo echo = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
        int reloads = 300;
        for (int k = 1; k <= reloads; k++) {
            lifecycle.reload("a", k % 2 == 1 ? v2 : v1);
            assertEquals(k % 2 == 1 ? "2.0.0" : "1.0.0", echo.answer());
        }
        events.await(GraftEvent.Retired.class, e -> events.all(GraftEvent.Retired.class).size() == reloads);

        assertEquals(reloads, loader.journal().of("close").size(), "every old version was closed");
        try (Stream<Path> files = Files.list(lifecycle.storeDirectory())) {
            assertEquals(1, files.count(), "only the live version's copy is left");
        }
    }
}
