package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft.stats()}, what operators read (docs/operations.md): per plugin the loads, reloads
 * and failures counted from the events, the last reload, the versions still retiring and the
 * handles they hold.
 */
class GraftStatsTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    private static PluginStats of(Graft graft, String id) {
        return graft.stats().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void countsLoadsReloadsAndFailuresAndKeepsTheLastReload() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").leakHandles(2));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0"));
        Path broken = plugins.write("a-v3.testplugin", TestPlugin.of("a", "3.0.0").provides("test.echo@1.0").fail("start"));
        Path b = plugins.write("b.testplugin", TestPlugin.of("b", "1.0.0"));
        try (Graft graft = graft()) {
            assertEquals(List.of(), graft.stats(), "nothing happened yet");
            graft.load(v1);
            graft.load(b);
            PluginStats loaded = of(graft, "a");
            assertEquals(new PluginStats("a", Version.parse("1.0.0"), "test", 1, 0, 0, null, 0, 2, null), loaded);
            assertEquals("a 1.0.0 (test): loads 1, reloads 0, failures 0, retiring 0, live handles 2", loaded.toString());

            graft.reload("a", v2);
            graft.reload("a", v1);
            assertThrows(PluginException.class, () -> graft.reload("a", broken));
            graft.unload("b");
            events.await(GraftEvent.Retired.class, "b");

            PluginStats a = of(graft, "a");
            assertEquals(Version.parse("1.0.0"), a.version());
            assertEquals(1, a.loads());
            assertEquals(2, a.reloads());
            assertEquals(1, a.failures(), "the refused reload");
            assertSame(events.all(GraftEvent.Reloaded.class).getLast(), a.lastReload());
            assertEquals(Version.parse("2.0.0"), a.lastReload().from());
            assertTrue(a.toString().contains("; last reloaded a 2.0.0 -> 1.0.0 in "), a.toString());

            PluginStats unloaded = of(graft, "b");
            assertNull(unloaded.version(), "unloaded, still listed");
            assertEquals("test", unloaded.kind());
            assertEquals(0, unloaded.retiring());
            assertTrue(unloaded.toString().startsWith("b unloaded (test): loads 1"), unloaded.toString());
            assertEquals(List.of("a", "b"), graft.stats().stream().map(PluginStats::id).toList(), "ordered by id");
        }
    }

    @Test
    void aVersionWithACallInFlightIsRetiringWithItsHandlesUntilTheCallReturns() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").gate("v1").drainBeforeStop().leakHandles(3));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").leakHandles(1));
        Gate gate = loader.gate("v1");
        try (Graft graft = graft()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            gate.close();
            Threads.Running<String> inFlight = Threads.start("in-flight", echo::answer);
            try {
                gate.awaitWaiting(1);
                graft.reload("a", v2);
                PluginStats during = of(graft, "a");
                assertEquals(1, during.retiring(), "v1 drains its call");
                assertEquals(4, during.liveHandles(), "v1's three handles and v2's one");
            } finally {
                gate.open();
            }
            inFlight.result();
            events.await(GraftEvent.Retired.class, e -> e.versionLabel().startsWith("a@1.0.0"));
            PluginStats after = of(graft, "a");
            assertEquals(0, after.retiring());
            assertEquals(1, after.liveHandles(), "v1's handles went with it");
        }
    }

    /** Reloads from several threads while retirements publish their events: no count is lost. */
    @RepeatedTest(3)
    void countsFromThreadsReloadingAtOnceAddUp() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0"));
        Path broken = plugins.write("a-v3.testplugin", TestPlugin.of("a", "3.0.0").fail("prepare"));
        int threads = 4;
        int each = 50;
        try (Graft graft = graft()) {
            graft.load(v1);
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Threads.Running<Void>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(Threads.start("reloader-" + t, () -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        graft.reload("a", i % 2 == 0 ? v2 : v1);
                        assertThrows(PluginException.class, () -> graft.reload("a", broken));
                    }
                    return null;
                }));
            }
            for (Threads.Running<Void> r : running) {
                r.result();
            }
            PluginStats a = of(graft, "a");
            assertEquals(threads * each, a.reloads());
            assertEquals(threads * each, a.failures());
            assertEquals(1, a.loads());
        }
    }
}
