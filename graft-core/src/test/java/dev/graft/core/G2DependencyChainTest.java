package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.Relay;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependents (DESIGN.md, reload step 6): in the chain a &lt;- b &lt;- c (b requires the contract a
 * provides, c the one b provides) reloading a re-links b, then c, and a failure anywhere rolls the
 * whole reload back (G2). Each plugin answers with what it requires: c answers {@code c1(b1(a1))}.
 */
class G2DependencyChainTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private TestPlugins plugins;
    private TestPlugins next; // versions to reload with, outside the folder loadAll reads

    /** a and b of the chain; each test adds its own c. */
    @BeforeEach
    void writeAAndB() throws IOException {
        plugins = new TestPlugins(Files.createDirectory(dir.resolve("plugins")));
        next = new TestPlugins(Files.createDirectory(dir.resolve("next")));
        plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("a1"));
        plugins.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0").answer("b1"));
    }

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    private static Map<String, String> labels(Graft graft) {
        return graft.plugins().stream().collect(Collectors.toMap(PluginInfo::id, PluginInfo::label));
    }

    @Test
    void reloadingTheProviderReLinksItsDependentsInOrder() {
        plugins.write(TestPlugin.of("c", "1.0.0").requires("test.mirror@1.0").provides("test.relay@1.0").answer("c1"));
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Relay c = graft.contract(Relay.class);
            assertEquals("c1(b1(a1))", c.answer());
            Map<String, String> before = labels(graft);
            loader.journal().clear();

            graft.reload("a", a2);

            assertEquals(List.of("b", "c"), events.all(GraftEvent.Reloaded.class).getLast().relinked());
            assertEquals(List.of("a", "b", "c"), loader.journal().ids("prepare"), "prepared providers first");
            Map<String, String> after = labels(graft);
            for (String id : List.of("a", "b", "c")) {
                assertNotEquals(before.get(id), after.get(id), id + " runs a new version");
            }
            assertEquals("c1(b1(a2))", c.answer());
        }
    }

    @Test
    void failureInTheLastDependentRollsBackTheWholeChain() {
        // c accepts only a 1.x, so re-linking c against a 2.0 fails, after a and b were prepared and started
        plugins.write(TestPlugin.of("c", "1.0.0").requires("test.mirror@1.0").depends("a@1.0").provides("test.relay@1.0").answer("c1"));
        Path a2 = next.write(TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Relay c = graft.contract(Relay.class);
            Echo a = graft.contract(Echo.class);
            Map<String, String> before = labels(graft);
            loader.journal().clear();

            UnsatisfiedDependencyException e = assertThrows(UnsatisfiedDependencyException.class, () -> graft.reload("a", a2));
            assertTrue(e.getMessage().contains("dependent 'c'") && e.getMessage().contains("a@2.0.0"), e.getMessage());

            assertEquals(before, labels(graft), "every plugin of the chain runs its old version");
            assertEquals("a1", a.answer());
            assertEquals("b1(a1)", graft.contract(Mirror.class).answer());
            assertEquals("c1(b1(a1))", c.answer());
            // the new a and b had been started: both are stopped and closed again, c was never prepared
            Function<String, List<String>> stepsOfNew = id -> loader.journal().steps(loader.journal().labels(id).getFirst());
            assertEquals(List.of("prepare", "start", "stop", "close"), stepsOfNew.apply("a"));
            assertEquals(List.of("prepare", "start", "stop", "close"), stepsOfNew.apply("b"));
            assertEquals(List.of(), loader.journal().labels("c"));
            GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getLast();
            assertEquals("reload", failed.operation());
            assertSame(e, failed.error());
        }
    }

    @Test
    void aDependentThatNoLongerLinksNamesTheReloadedPluginAndItsArtifact() {
        plugins.write(TestPlugin.of("c", "1.0.0").requires("test.mirror@1.0").depends("a@1.0").provides("test.relay@1.0").answer("c1"));
        Path a2 = next.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("a2"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());

            UnsatisfiedDependencyException e = assertThrows(UnsatisfiedDependencyException.class, () -> graft.reload("a", a2));

            assertEquals("reloading plugin 'a' (a-v2.testplugin) failed: dependent 'c' (c.testplugin) no longer links: "
                    + "depends on plugin a@1.0, found a@2.0.0", e.getMessage());
            assertEquals("c", e.pluginId(), "where it failed");
            assertEquals(plugins.dir().resolve("c.testplugin"), e.artifact());
            assertEquals("a", e.reloadedPluginId(), "what was refused");
            assertEquals(a2, e.reloadedArtifact());
            GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getLast();
            assertEquals("a", failed.pluginId(), "the failed event is the reload's");
            assertEquals(a2, failed.artifact());
        }
    }

    @Test
    void aCycleIntroducedByAReloadNamesTheReloadedPluginAndItsArtifact() {
        // the new a requires what b provides, and b requires what a provides
        Path a2 = next.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").requires("test.mirror@1.0"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Map<String, String> before = labels(graft);

            DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> graft.reload("a", a2));

            assertEquals("reloading plugin 'a' (a-v2.testplugin) failed: dependency cycle: a -> b -> a", e.getMessage());
            assertEquals(List.of("a", "b"), e.cycle(), "told from the reloaded plugin");
            assertEquals("a", e.pluginId());
            assertEquals(a2, e.artifact());
            assertEquals(before, labels(graft), "both still run their old versions");
            GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getLast();
            assertEquals("a", failed.pluginId());
            assertEquals(a2, failed.artifact());
        }
    }

    @Test
    void dependencyCycleIsRefusedNamingThePlugins() throws IOException {
        TestPlugins cyclic = new TestPlugins(Files.createDirectory(dir.resolve("cycle")));
        cyclic.write(TestPlugin.of("x", "1.0.0").provides("test.echo@1.0").requires("test.relay@1.0"));
        cyclic.write(TestPlugin.of("y", "1.0.0").provides("test.mirror@1.0").requires("test.echo@1.0"));
        cyclic.write(TestPlugin.of("z", "1.0.0").provides("test.relay@1.0").requires("test.mirror@1.0"));
        try (Graft graft = graft()) {
            DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> graft.loadAll(cyclic.dir()));
            assertEquals(List.of("x", "z", "y"), e.cycle(), "x requires z's contract, z y's, y x's");
            assertTrue(e.getMessage().contains("x -> z -> y -> x"), e.getMessage());
            assertEquals(List.of(), graft.plugins());
            assertEquals(List.of(), loader.journal().labels("x"), "nothing was prepared");
        }
    }

    @Test
    void unloadOfAPluginOthersDependOnIsRefused() {
        plugins.write(TestPlugin.of("c", "1.0.0").requires("test.mirror@1.0").provides("test.relay@1.0").answer("c1"));
        try (Graft graft = graft()) {
            graft.loadAll(plugins.dir());
            Echo a = graft.contract(Echo.class);

            UnsatisfiedDependencyException e = assertThrows(UnsatisfiedDependencyException.class, () -> graft.unload("a"));
            assertTrue(e.getMessage().contains("plugin 'a'") && e.getMessage().contains("b, c"), e.getMessage());
            assertEquals("a1", a.answer());
            assertEquals("unload", events.all(GraftEvent.Failed.class).getLast().operation());

            // dependents first, then it is allowed
            graft.unload("c");
            graft.unload("b");
            graft.unload("a");
            assertEquals(List.of(), graft.plugins());
        }
    }
}
