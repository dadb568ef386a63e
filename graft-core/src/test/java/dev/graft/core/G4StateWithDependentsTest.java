package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.state.StateReport;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G4 State survives for every plugin of a reload: state belongs to a plugin version, so reloading a
 * provider hands each re-linked dependent its own state too (its shape is unchanged: a block is
 * shared, a record mapped), and versions with state start providers first, once all have theirs.
 */
class G4StateWithDependentsTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private TestPlugins plugins;
    private TestPlugins next;
    private Path a1;

    @BeforeEach
    void writeProviderAndDependent() throws IOException {
        plugins = new TestPlugins(Files.createDirectory(dir.resolve("plugins")));
        next = new TestPlugins(Files.createDirectory(dir.resolve("next")));
        a1 = plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("a1").keepsState());
        plugins.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0").answer("b1")
                .keepsBlockState("counter: i32"));
    }

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    @Test
    void reloadingAProviderKeepsTheStateOfItAndOfItsDependents() {
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2").keepsState());
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Echo a = graft.contract(Echo.class);
            Mirror b = graft.contract(Mirror.class);
            a.next(3);
            b.next(4);
            loader.journal().clear();

            graft.reload("a", a2);

            assertEquals("b1(a2)", b.answer());
            assertEquals(4, a.next(1), "a's state was mapped into a2");
            assertEquals(6, b.next(2), "b's re-linked version shares b's block");
            assertEquals(List.of("a"), loader.journal().ids("takeState"), "a's state was read at its quiesce point");
            assertEquals(List.of("b"), loader.journal().ids("share"), "b's block was shared, not read");
            assertEquals(List.of("a", "b"), loader.journal().ids("start"), "started providers first, once each had its state");
            GraftEvent.Reloaded reloaded = events.all(GraftEvent.Reloaded.class).getLast();
            assertEquals(List.of("b"), reloaded.relinked());
            assertEquals(StateReport.Mode.MAPPED, reloaded.state().mode(), "the event reports the reloaded plugin's state");
        }
    }

    @Test
    void aProviderThatFailsToStartWithItsStateRollsTheWholeReloadBackStateIncluded() {
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2").keepsState().fail("start"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Echo a = graft.contract(Echo.class);
            Mirror b = graft.contract(Mirror.class);
            a.next(3);
            b.next(4);

            assertThrows(PluginStartException.class, () -> graft.reload("a", a2));

            assertEquals("b1(a1)", b.answer());
            assertEquals(4, a.next(1), "a1 serves with its state as it was");
            assertEquals(6, b.next(2), "b1 serves with its block as it was");
            assertEquals("reload", events.all(GraftEvent.Failed.class).getLast().operation());
        }
    }

    /**
     * A dependent with state whose start calls its provider, both quiesced by one reload: the call
     * would wait at the provider's gate for the very reload that makes it. On the reloading thread it
     * fails at once; on another thread (the start waits for it) it fails once it waited its bound.
     * Either way the reload is rolled back, the provider's started successor stopped, and both old
     * versions serve with their state.
     */
    @ParameterizedTest
    @ValueSource(strings = {"same-thread", "other-thread"})
    void aStartThatCallsAProviderBeingQuiescedFailsRatherThanWaitingForItself(String how) throws Exception {
        Path dependent = next.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0")
                .answer("b1").keepsState().startCalls(how));
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2").keepsState());
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).subscribe(events)
                .quiesceTimeout(Duration.ofMillis(100)).build()) {
            graft.load(a1);
            graft.load(dependent);
            Echo a = graft.contract(Echo.class);
            Mirror b = graft.contract(Mirror.class);
            a.next(3);
            b.next(4);
            loader.journal().clear();

            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.reload("a", a2));

            assertTrue(e.getMessage().startsWith("reloading plugin 'a' (a.testplugin) failed: dependent 'b' (b.testplugin) "
                    + "no longer links: start failed: "), e.getMessage());
            String cause = e.getCause().getMessage();
            assertTrue(how.equals("same-thread") ? cause.contains("it would wait for itself") : cause.contains("the reload is stuck"),
                    cause);
            assertEquals("b1(a1)", b.answer());
            assertEquals(4, a.next(1));
            assertEquals(6, b.next(2));
            assertEquals(List.of("a"), loader.journal().ids("stop"), "a's successor had started: it was stopped");
        }
    }
}
