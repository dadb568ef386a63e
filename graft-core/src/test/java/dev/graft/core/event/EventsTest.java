package dev.graft.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginInfo;
import dev.graft.core.PluginStartException;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events: who gets them, and what they say. */
class EventsTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();

    private Graft graft(EventLog events) {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    @Test
    void subscribersGetEventsUntilTheyUnsubscribe() {
        TestPlugins plugins = new TestPlugins(dir);
        EventLog staying = new EventLog();
        EventLog leaving = new EventLog();
        try (Graft graft = graft(staying)) {
            Events.Subscription subscription = graft.events().subscribe(leaving);
            graft.load(plugins.write(TestPlugin.of("a", "1.0.0")));
            assertEquals(1, leaving.all(GraftEvent.Loaded.class).size());

            subscription.close();
            subscription.close(); // harmless
            graft.load(plugins.write(TestPlugin.of("b", "1.0.0")));
            assertEquals(List.of("a"), leaving.all(GraftEvent.Loaded.class).stream().map(GraftEvent::pluginId).toList());
            assertEquals(List.of("a", "b"), staying.all(GraftEvent.Loaded.class).stream().map(GraftEvent::pluginId).toList());
        }
    }

    @Test
    void sameSubscriberTwiceIsTwoSubscriptionsEachRemovableAlone() {
        Events events = new Events();
        List<GraftEvent> got = new CopyOnWriteArrayList<>();
        Consumer<GraftEvent> subscriber = got::add;
        Events.Subscription first = events.subscribe(subscriber);
        events.subscribe(subscriber);
        GraftEvent event = new GraftEvent.Unloaded("a", dev.graft.core.Version.parse("1.0"));

        events.publish(List.of(event));
        assertEquals(List.of(event, event), got);
        first.close();
        events.publish(List.of(event));
        assertEquals(3, got.size());
    }

    @Test
    void throwingSubscriberDoesNotStopTheOthersNorTheLoad() {
        EventLog after = new EventLog();
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false)
                .subscribe(event -> {
                    throw new IllegalStateException("subscriber bug");
                })
                .subscribe(after).build()) {
            PluginInfo loaded = graft.load(new TestPlugins(dir).write(TestPlugin.of("a", "1.0.0")));
            assertEquals("a", loaded.id());
            assertEquals("a", after.await(GraftEvent.Loaded.class, "a").pluginId());
        }
    }

    @Test
    void subscriberMayCallTheRuntimeFromAnotherThread() {
        // events come after the runtime released its lock: a subscriber waiting on another thread
        // that takes the lock does not deadlock
        List<String> answers = new CopyOnWriteArrayList<>();
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).build()) {
            graft.events().subscribe(event -> {
                if (event instanceof GraftEvent.Loaded) {
                    answers.add(CompletableFuture.supplyAsync(() -> graft.contract(Echo.class).answer())
                            .orTimeout(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
                }
            });
            graft.load(new TestPlugins(dir).write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("here")));
            assertEquals(List.of("here"), answers);
        }
    }

    @Test
    void eventsNameThePluginTheVersionsAndTheArtifact() {
        TestPlugins plugins = new TestPlugins(dir);
        EventLog events = new EventLog();
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "1.2.0").provides("test.echo@1.0"));
        Path broken = plugins.write("a-v3.testplugin", TestPlugin.of("a", "1.3.0").provides("test.echo@1.0").fail("start"));
        try (Graft graft = graft(events)) {
            String v1Label = graft.load(v1).label();
            GraftEvent.Loaded loaded = events.all(GraftEvent.Loaded.class).getFirst();
            assertEquals(List.of("a", "1.0.0", "test", v1), List.of(loaded.pluginId(), loaded.version().toString(), loaded.kind(),
                    loaded.artifact()));

            String v2Label = graft.reload("a", v2).label();
            GraftEvent.Reloaded reloaded = events.all(GraftEvent.Reloaded.class).getFirst();
            assertEquals(List.of("a", "1.0.0", "1.2.0", v2), List.of(reloaded.pluginId(), reloaded.from().toString(),
                    reloaded.to().toString(), reloaded.artifact()));
            assertEquals(List.of(), reloaded.relinked());
            GraftEvent.Retired retired = events.await(GraftEvent.Retired.class, "a");
            assertEquals(List.of("1.0.0", v1Label), List.of(retired.version().toString(), retired.versionLabel()));

            PluginStartException error = assertThrows(PluginStartException.class, () -> graft.reload("a", broken));
            GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getFirst();
            assertEquals(List.of("a", broken, "reload"), List.of(failed.pluginId(), failed.artifact(), failed.operation()));
            assertSame(error, failed.error());

            graft.unload("a");
            GraftEvent.Unloaded unloaded = events.all(GraftEvent.Unloaded.class).getFirst();
            assertEquals(List.of("a", "1.2.0"), List.of(unloaded.pluginId(), unloaded.version().toString()));
            GraftEvent.Retired last = events.await(GraftEvent.Retired.class, e -> e.versionLabel().equals(v2Label));
            assertEquals("1.2.0", last.version().toString());
            assertTrue(last.toString().contains(v2Label), last.toString());
        }
    }

    @Test
    void versionIsRetiredOnlyAfterTheEventThatReplacedIt() {
        // a host logging events should never read "retired a@1.0.0#1" before "reloaded a 1.0.0 -> 2.0.0"
        TestPlugins plugins = new TestPlugins(dir);
        EventLog events = new EventLog();
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0"));
        int reloads = 200;
        try (Graft graft = graft(events)) {
            graft.load(v1);
            for (int k = 1; k <= reloads; k++) {
                graft.reload("a", k % 2 == 1 ? v2 : v1);
            }
            graft.unload("a");
            events.await(GraftEvent.Retired.class, e -> events.all(GraftEvent.Retired.class).size() == reloads + 1);
        }
        int replaced = 0;
        int retired = 0;
        for (GraftEvent event : events.all()) {
            if (event instanceof GraftEvent.Reloaded || event instanceof GraftEvent.Unloaded) {
                replaced++;
            } else if (event instanceof GraftEvent.Retired r) {
                retired++;
                assertTrue(retired <= replaced, "retired " + r.versionLabel() + " before the event that replaced it, in "
                        + events.all());
            }
        }
        assertEquals(reloads + 1, retired);
    }
}
