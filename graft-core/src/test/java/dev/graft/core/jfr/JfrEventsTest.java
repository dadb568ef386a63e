package dev.graft.core.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.PluginException;
import dev.graft.core.Version;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleException;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.VersionHandles;
import dev.graft.core.reload.Lifecycle;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graft's events reach the JDK Flight Recorder: a real recording, dumped to a file and read back,
 * holds one JFR event per {@link GraftEvent}, with its fields, and nothing for calls (G6: nothing
 * is recorded on the call path).
 */
class JfrEventsTest {

    private static final List<String> NAMES =
            List.of("dev.graft.Load", "dev.graft.Reload", "dev.graft.Unload", "dev.graft.Retire", "dev.graft.Failure",
                    "dev.graft.HandleRefused", "dev.graft.Patch", "dev.graft.Restore");

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private TestPlugins plugins;
    private Lifecycle lifecycle;

    @BeforeEach
    void start() {
        plugins = new TestPlugins(dir);
        Events bus = new Events();
        bus.subscribe(events);
        lifecycle = new Lifecycle(List.of(loader), bus, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        lifecycle.close();
    }

    /** Runs {@code work} under a recording of Graft's events; those about plugins {@code jfr-*}, in order. */
    private List<RecordedEvent> record(Runnable work) throws IOException {
        Path file = dir.resolve("graft.jfr");
        try (Recording recording = new Recording()) {
            NAMES.forEach(name -> recording.enable(name).withStackTrace());
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        // other test classes may record their plugins' events in this JVM meanwhile: keep ours
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> about(e).startsWith("jfr-"))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
    }

    @Test
    void loadReloadFailedReloadAndUnloadAreRecordedWithTheirFields() throws IOException {
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("jfr-a", "1.0.0").provides("test.echo@1.0"));
        Path b = plugins.write("b.testplugin",
                TestPlugin.of("jfr-b", "1.0.0").requires("test.echo@1.0").depends("jfr-a@1.0").provides("test.mirror@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("jfr-a", "1.1.0").provides("test.echo@1.0"));
        Path broken = plugins.write("a-v3.testplugin", TestPlugin.of("jfr-a", "1.2.0").provides("test.echo@1.0").fail("prepare"));

        List<RecordedEvent> recorded = record(() -> {
            lifecycle.load(v1);
            lifecycle.load(b);
            lifecycle.reload("jfr-a", v2);
            assertThrows(PluginException.class, () -> lifecycle.reload("jfr-a", broken));
            lifecycle.unload("jfr-b");
            // the retirements are asynchronous: wait for a's replaced version and both of b's (the one
            // a's reload re-linked, then the one unloaded), each recorded for JFR before a subscriber hears it
            events.await(GraftEvent.Retired.class, e -> e.versionLabel().startsWith("jfr-a@1.0.0"));
            GraftEvent.Retired firstOfB = events.await(GraftEvent.Retired.class, "jfr-b");
            events.await(GraftEvent.Retired.class,
                    e -> e.pluginId().equals("jfr-b") && !e.versionLabel().equals(firstOfB.versionLabel()));
        });

        RecordedEvent loadA = only(recorded, "dev.graft.Load", "jfr-a");
        assertEquals("1.0.0", loadA.getString("version"));
        assertEquals("test", loadA.getString("kind"));
        assertEquals(v1.toString(), loadA.getString("artifact"));
        GraftEvent.Loaded loaded = events.await(GraftEvent.Loaded.class, "jfr-a");
        assertEquals(loaded.took(), loadA.getDuration("took"));

        RecordedEvent reload = only(recorded, "dev.graft.Reload", "jfr-a");
        GraftEvent.Reloaded reloaded = events.await(GraftEvent.Reloaded.class, "jfr-a");
        assertEquals("1.0.0", reload.getString("fromVersion"));
        assertEquals("1.1.0", reload.getString("toVersion"));
        assertEquals(v2.toString(), reload.getString("artifact"));
        assertEquals(reloaded.prepare(), reload.getDuration("prepare"));
        assertEquals(reloaded.publish(), reload.getDuration("publish"));
        assertEquals(reloaded.quiesce(), reload.getDuration("quiesce"));
        assertEquals(reloaded.total(), reload.getDuration("total"));
        assertEquals("jfr-b", reload.getString("relinked"));
        assertEquals(reloaded.state().toString(), reload.getString("state"));

        RecordedEvent failure = only(recorded, "dev.graft.Failure", "jfr-a");
        GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "jfr-a");
        assertEquals("reload", failure.getString("operation"));
        assertEquals(broken.toString(), failure.getString("artifact"));
        assertEquals(failed.error().getClass().getName(), failure.getString("exceptionClass"));
        assertEquals(failed.error().getMessage(), failure.getString("message"));
        assertTrue(failure.getString("message").contains("fails in prepare"), failure.getString("message"));
        assertEquals(IllegalStateException.class.getName(), failure.getString("causeClass"));

        RecordedEvent unload = only(recorded, "dev.graft.Unload", "jfr-b");
        assertEquals("1.0.0", unload.getString("version"));

        // b retires twice: its version re-linked by a's reload, then the one unloaded
        List<RecordedEvent> retiresB = recorded.stream()
                .filter(e -> e.getEventType().getName().equals("dev.graft.Retire") && e.getString("plugin").equals("jfr-b")).toList();
        List<GraftEvent.Retired> retiredB = events.all(GraftEvent.Retired.class).stream()
                .filter(e -> e.pluginId().equals("jfr-b")).toList();
        assertEquals(retiredB.stream().map(GraftEvent.Retired::versionLabel).sorted().toList(),
                retiresB.stream().map(e -> e.getString("versionLabel")).sorted().toList());
        for (RecordedEvent retire : retiresB) {
            GraftEvent.Retired same = retiredB.stream()
                    .filter(e -> e.versionLabel().equals(retire.getString("versionLabel"))).findFirst().orElseThrow();
            assertEquals("1.0.0", retire.getString("version"));
            assertEquals(same.drained(), retire.getDuration("drained"));
        }
        assertEquals("Graft", loadA.getEventType().getCategoryNames().getFirst());
    }

    @Test
    void everyGraftEventIsOneJfrEventAndCallsRecordNothing() throws IOException {
        Path v1 = plugins.write("c-v1.testplugin", TestPlugin.of("jfr-c", "1.0.0").provides("test.echo@1.0").keepsState());
        Path v2 = plugins.write("c-v2.testplugin", TestPlugin.of("jfr-c", "2.0.0").provides("test.echo@1.0").keepsState()
                .drainBeforeStop());

        List<RecordedEvent> recorded = record(() -> {
            lifecycle.load(v1);
            Echo echo = lifecycle.contract(ContractType.of(Echo.class), Version.parse("1.0"));
            for (int k = 0; k < 1000; k++) {
                echo.next(1);
            }
            lifecycle.reload("jfr-c", v2);
            for (int k = 0; k < 1000; k++) {
                echo.next(1);
            }
            lifecycle.unload("jfr-c");
            events.await(GraftEvent.Retired.class, e -> events.all(GraftEvent.Retired.class).size() == 2);
        });

        assertEquals(List.of("dev.graft.Load", "dev.graft.Reload", "dev.graft.Unload", "dev.graft.Retire", "dev.graft.Retire"),
                names(recorded).stream().sorted(java.util.Comparator.comparing(NAMES::indexOf)).toList(),
                "one JFR event per Graft event, none for the 2000 calls");
        assertEquals(events.all().size(), recorded.size());
        RecordedEvent reload = only(recorded, "dev.graft.Reload", "jfr-c");
        assertEquals(events.await(GraftEvent.Reloaded.class, "jfr-c").state().toString(), reload.getString("state"));
        assertTrue(!reload.getString("state").equals("no state"), "a plugin with state reports it: " + reload.getString("state"));
    }

    @Test
    void withNoRecordingNothingIsRecordedAndNothingFails() {
        Path v1 = plugins.write("d.testplugin", TestPlugin.of("jfr-d", "1.0.0").provides("test.echo@1.0"));
        lifecycle.load(v1);
        lifecycle.unload("jfr-d");
        events.await(GraftEvent.Retired.class, "jfr-d");
        assertEquals(3, events.all().size(), "loaded, unloaded, retired: " + events.all());
    }

    /** The plugin an event is about: its plugin field, or for a refused handle the version named in its message. */
    private static String about(RecordedEvent e) {
        if (e.hasField("plugin")) {
            return e.getString("plugin") == null ? "" : e.getString("plugin");
        }
        return e.getString("message").replaceFirst("^.*?(jfr-[a-z]+)@.*$", "$1");
    }

    @Test
    void aPluginsPatchAndItsWithdrawalAreRecorded() throws IOException {
        lifecycle.patches().declare("jfr_price", java.util.function.IntUnaryOperator.class, x -> x);
        Path p = plugins.write(TestPlugin.of("jfr-p", "1.0.0").patches("jfr_price").answer("3"));

        List<RecordedEvent> recorded = record(() -> {
            lifecycle.load(p);
            lifecycle.unload("jfr-p");
        });

        RecordedEvent patched = only(recorded, "dev.graft.Patch", "jfr-p");
        assertEquals("jfr_price", patched.getString("function"));
        assertEquals("jfr-p@1.0.0#1", patched.getString("versionLabel"));
        assertEquals("plugin 'jfr-p' (jfr-p@1.0.0#1)", patched.getString("live"));
        RecordedEvent restored = only(recorded, "dev.graft.Restore", "jfr-p");
        assertEquals("jfr_price", restored.getString("function"));
        assertEquals("the default", restored.getString("live"));
    }

    @Test
    void aRefusedHandleIsRecordedWithItsReasonAndMessage() throws IOException {
        HandleTable table = new HandleTable();
        VersionHandles mine = table.open("jfr-h@1.0.0#1");
        VersionHandles other = table.open("jfr-o@1.0.0#2");
        long owned = other.owned("the other's");
        long[] refused = new long[2];

        List<RecordedEvent> recorded = record(() -> {
            refused[0] = assertThrows(HandleException.class, () -> mine.resolve(owned, Object.class)).handle();
            other.release(owned);
            refused[1] = assertThrows(HandleException.class, () -> other.resolve(owned, Object.class)).handle();
        });

        List<RecordedEvent> refusals = recorded.stream()
                .filter(e -> e.getEventType().getName().equals("dev.graft.HandleRefused")).toList();
        assertEquals(2, refusals.size(), "one event per refusal, found " + names(recorded));
        assertEquals(HandleException.Reason.FOREIGN.name(), refusals.get(0).getString("reason"));
        assertEquals(refused[0], refusals.get(0).getLong("handle"));
        assertTrue(refusals.get(0).getString("message").contains("jfr-h@1.0.0#1"), refusals.get(0).getString("message"));
        assertEquals(HandleException.Reason.RELEASED.name(), refusals.get(1).getString("reason"));
        assertEquals(refused[1], refusals.get(1).getLong("handle"));
    }

    private static List<String> names(List<RecordedEvent> recorded) {
        return recorded.stream().map(e -> e.getEventType().getName()).toList();
    }

    private static RecordedEvent only(List<RecordedEvent> recorded, String name, String plugin) {
        List<RecordedEvent> found = recorded.stream()
                .filter(e -> e.getEventType().getName().equals(name) && plugin.equals(e.getString("plugin"))).toList();
        assertEquals(1, found.size(), "expected one " + name + " event about " + plugin + ", found " + names(recorded));
        return found.getFirst();
    }
}
