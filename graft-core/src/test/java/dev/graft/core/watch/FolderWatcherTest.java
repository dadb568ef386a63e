package dev.graft.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.ManifestException;
import dev.graft.core.ProviderUnavailableException;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder watcher (DESIGN.md, reload step 1): a burst of writes is one reload, a locked file
 * waits for its lock to go, a deleted artifact is unloaded, a broken one is reported while the old
 * version keeps serving. Waits are bounded awaits for events, never sleeps that assert.
 */
class FolderWatcherTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();

    private Graft watching(Duration quietPeriod) {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events)
                .pluginDirectory(dir).watch(true).watchQuietPeriod(quietPeriod).build();
    }

    private static TestPlugin a(String version) {
        return TestPlugin.of("a", version).provides("test.echo@1.0");
    }

    @Test
    void burstOfWritesGivesOneReload() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        plugins.write(a("1.0.0"));
        // writes 20 ms apart, a quiet period of a second: the burst must settle into one reload
        try (Graft graft = watching(Duration.ofSeconds(1))) {
            events.await(GraftEvent.Loaded.class, "a");
            for (int patch = 1; patch <= 5; patch++) {
                plugins.write(a("1.0." + patch));
                Thread.sleep(20); // the burst's spacing, not an assertion
            }
            GraftEvent.Reloaded burst = events.await(GraftEvent.Reloaded.class, "a");
            assertEquals("1.0.5", burst.to().toString(), "the reload read the burst's last write");

            // a later write is a reload of its own; had the burst given two, the second would come before it
            plugins.write(a("2.0.0"));
            events.await(GraftEvent.Reloaded.class, e -> e.to().toString().equals("2.0.0"));
            assertEquals(List.of("1.0.0 -> 1.0.5", "1.0.5 -> 2.0.0"),
                    events.all(GraftEvent.Reloaded.class).stream().map(e -> e.from() + " -> " + e.to()).toList());
            assertEquals("2.0.0", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void lockedArtifactIsNotLoadedUntilItsLockIsDeleted() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        try (Graft graft = watching(QUIET)) {
            Path lock = Files.createFile(dir.resolve("a.testplugin.lock"));
            plugins.write(a("1.0.0").answer("a"));
            // b, written after a and unlocked, settles no earlier than a would have: once b is loaded, a would be too
            plugins.write(TestPlugin.of("b", "1.0.0").provides("test.mirror@1.0"));
            events.await(GraftEvent.Loaded.class, "b");
            assertTrue(graft.plugin("a").isEmpty(), "a is held back while its lock is there");

            Files.delete(lock);
            events.await(GraftEvent.Loaded.class, "a");
            assertEquals("a", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void deletingAnArtifactUnloadsIt() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = plugins.write(a("1.0.0"));
        try (Graft graft = watching(QUIET)) {
            events.await(GraftEvent.Loaded.class, "a");
            Echo echo = graft.contract(Echo.class);

            Files.delete(artifact);
            GraftEvent.Unloaded unloaded = events.await(GraftEvent.Unloaded.class, "a");
            assertEquals("1.0.0", unloaded.version().toString());
            assertTrue(graft.plugin("a").isEmpty());
            assertThrows(ProviderUnavailableException.class, echo::answer);
        }
    }

    @Test
    void brokenArtifactIsReportedAndTheOldVersionKeepsServing() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = plugins.write(a("1.0.0").answer("v1"));
        try (Graft graft = watching(QUIET)) {
            events.await(GraftEvent.Loaded.class, "a");
            Echo echo = graft.contract(Echo.class);

            plugins.writeText("a.testplugin", "id = a\nversion = 2.0.0\nhalf-written line");
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "a");
            assertEquals("reload", failed.operation());
            assertEquals(artifact, failed.artifact());
            assertEquals(ManifestException.class, failed.error().getClass());
            assertEquals("v1", echo.answer());

            // the next good build goes live
            plugins.write(a("2.0.0").answer("v2"));
            events.await(GraftEvent.Reloaded.class, "a");
            assertEquals("v2", echo.answer());
        }
    }

    @Test
    void brokenNewArtifactDoesNotHoldBackTheOthers() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        try (Graft graft = watching(QUIET)) {
            plugins.write(TestPlugin.of("broken", "1.0.0").provides("test.mirror@1.0").fail("start"));
            plugins.write(a("1.0.0").answer("a"));

            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "broken");
            assertEquals("load", failed.operation());
            events.await(GraftEvent.Loaded.class, "a");
            assertEquals("a", graft.contract(Echo.class).answer());
            assertTrue(graft.plugin("broken").isEmpty());

            // fixed, it loads too
            plugins.write(TestPlugin.of("broken", "1.0.1").provides("test.mirror@1.0"));
            events.await(GraftEvent.Loaded.class, "broken");
        }
    }

    @Test
    void pluginMissingItsProviderLoadsOnceTheProviderArrives() {
        TestPlugins plugins = new TestPlugins(dir);
        try (Graft graft = watching(QUIET)) {
            plugins.write(TestPlugin.of("user", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0"));
            events.await(GraftEvent.Failed.class, e -> true); // nothing provides test.echo yet

            // the provider arrives; nothing else in the folder changes
            plugins.write(a("1.0.0"));
            events.await(GraftEvent.Loaded.class, "a");
            events.await(GraftEvent.Loaded.class, "user");
            assertEquals(1, events.all(GraftEvent.Failed.class).size(), "one failure, before the provider came");
        }
    }

    @Test
    void fileCreatedEmptyAndFilledAfterTheQuietPeriodLoadsWithoutAFailure() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        try (Graft graft = watching(QUIET)) {
            // what mvn package does: the jar appears empty and is filled well after the quiet period
            Files.createFile(dir.resolve("a.testplugin"));
            Thread.sleep(QUIET.multipliedBy(4).toMillis()); // the build's pace, not an assertion
            plugins.write(a("1.0.0").answer("filled"));

            events.await(GraftEvent.Loaded.class, "a");
            assertEquals(List.of(), events.all(GraftEvent.Failed.class), "an empty file is waited for, not a failure");
            assertEquals("filled", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void artifactEmptiedAndRefilledAfterTheQuietPeriodIsOneReload() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = plugins.write(a("1.0.0"));
        try (Graft graft = watching(QUIET)) {
            events.await(GraftEvent.Loaded.class, "a");

            Files.write(artifact, new byte[0]); // the next build starts by truncating it
            Thread.sleep(QUIET.multipliedBy(4).toMillis()); // the build's pace, not an assertion
            plugins.write(a("2.0.0"));

            events.await(GraftEvent.Reloaded.class, "a");
            assertEquals(List.of(), events.all(GraftEvent.Failed.class), "an empty file is waited for, not a failure");
            assertEquals(1, events.all(GraftEvent.Reloaded.class).size());
            assertEquals("2.0.0", graft.plugin("a").orElseThrow().version().toString());
        }
    }

    @Test
    void fileThatStaysEmptyIsReportedInTheEnd() throws Exception {
        try (Graft graft = watching(QUIET)) {
            Path empty = Files.createFile(dir.resolve("a.testplugin"));
            // reported once it has stayed empty for FolderWatcher's bound (5 s here), within the await's 30 s
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, e -> true);
            assertEquals(empty, failed.artifact());
            assertTrue(graft.plugin("a").isEmpty());
        }
    }

    @Test
    void pluginsInTheFolderAreLoadedWhenBuildReturns() {
        // DESIGN.md's host sketch builds a watching runtime and calls graft.contract(...) at once
        new TestPlugins(dir).write(a("1.0.0").answer("ready"));
        try (Graft graft = watching(QUIET)) {
            assertEquals("ready", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void closingTheRuntimeStopsTheWatcherThread() {
        new TestPlugins(dir).write(a("1.0.0"));
        Graft graft = watching(QUIET);
        events.await(GraftEvent.Loaded.class, "a");

        graft.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("graft-watch-" + dir.getFileName())));
        events.await(GraftEvent.Unloaded.class, "a");
    }
}
