package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.Gate;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import dev.graft.core.testing.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G2 Failure changes nothing: a load or reload that fails at any step leaves the running version
 * serving with its state untouched, throws a typed exception naming plugin and artifact, and
 * publishes a Failed event. Failures of re-linked dependents are in {@link G2DependencyChainTest}.
 */
class G2FailureChangesNothingTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();

    private Graft graft() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build();
    }

    /** Version 2 of plugin "a", for the failing cases to break. It keeps state, so a reload hands the counter over. */
    private static TestPlugin v2() {
        return TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("v2").drainBeforeStop().keepsState();
    }

    static Stream<Arguments> failedReloads() {
        // the last argument: what the new version went through before it was thrown away
        return Stream.of(
                arguments("artifact missing", InvalidArtifactException.class,
                        (Function<TestPlugins, Path>) p -> p.dir().resolve("a-v2.testplugin"), List.of()),
                arguments("manifest unreadable", ManifestException.class,
                        (Function<TestPlugins, Path>) p -> p.writeText("a-v2.testplugin", "id = a\nversion = 2.0.0\nnot a manifest line\n"),
                        List.of()),
                arguments("artifact of another plugin", PluginException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", TestPlugin.of("b", "1.0.0").provides("test.echo@1.0")),
                        List.of()),
                arguments("requirement unsatisfied", UnsatisfiedDependencyException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", v2().requires("test.relay@1.0")), List.of()),
                arguments("prepare throws", PluginLinkException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", v2().fail("prepare")), List.of("prepare")),
                arguments("contract of another major", ContractMismatchException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@2.0")),
                        List.of("prepare", "close")),
                arguments("start throws", PluginStartException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", v2().fail("start")),
                        List.of("prepare", "install", "start", "close")),
                arguments("start throws an Error, with callers held at the gate", PluginStartException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", v2().fail("start-error")),
                        List.of("prepare", "install", "start", "close")),
                arguments("installing the state throws", StateMappingException.class,
                        (Function<TestPlugins, Path>) p -> p.write("a-v2.testplugin", v2().fail("takeState")),
                        List.of("prepare", "install", "close")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedReloads")
    void failedReloadLeavesTheRunningVersionServingUntouched(String step, Class<? extends PluginException> expected,
                                                            Function<TestPlugins, Path> broken, List<String> newVersionSteps) {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin",
                TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").drainBeforeStop().keepsState());
        try (Graft graft = graft()) {
            String v1Label = graft.load(v1).label();
            Echo echo = graft.contract(Echo.class);
            assertEquals(5, echo.next(5));
            Path artifact = broken.apply(plugins);

            PluginException e = assertThrows(PluginException.class, () -> graft.reload("a", artifact));
            assertSame(expected, e.getClass(), () -> "after: " + step + ", found " + e);
            assertTrue(e.getMessage().contains("plugin 'a'"), "names the plugin: " + e.getMessage());
            assertTrue(e.getMessage().contains(artifact.getFileName().toString()), "names the artifact: " + e.getMessage());

            assertEquals("v1", echo.answer());
            assertEquals(6, echo.next(1), "v1's state is untouched, and updates go on from it");
            assertEquals(v1Label, graft.plugin("a").orElseThrow().label());
            assertEquals(List.of(), loader.journal().steps(v1Label).stream().filter(st -> st.equals("stop") || st.equals("close"))
                    .toList(), "v1 was neither stopped nor closed");
            List<String> newVersions = loader.journal().labels("a").stream().filter(l -> !l.equals(v1Label)).toList();
            assertEquals(newVersionSteps, newVersions.isEmpty() ? List.of() : loader.journal().steps(newVersions.getFirst()),
                    "what the new version went through: a started one is stopped, a prepared one closed");

            GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getLast();
            assertEquals("a", failed.pluginId());
            assertEquals("reload", failed.operation());
            assertSame(e, failed.error());
        }
    }

    @RepeatedTest(3)
    void callersRacingFailedReloadsAreAllAnsweredByTheRunningVersion() throws Exception {
        // failing in takeState means v1 was held at the quiesce point, then reopened: its callers go on in v1
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin",
                TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").drainBeforeStop().keepsState());
        Path failsInStart = plugins.write("a-start.testplugin", v2().fail("start"));
        Path failsInTakeState = plugins.write("a-state.testplugin", v2().fail("takeState"));
        Path failsWithAnError = plugins.write("a-error.testplugin", v2().fail("start-error"));
        try (Graft graft = graft()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            AtomicBoolean done = new AtomicBoolean();
            List<Threads.Running<Integer>> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(Threads.start("caller-" + i, () -> {
                    int calls = 0;
                    do {
                        assertEquals("v1", echo.answer());
                        echo.next(1);
                        calls += 1;
                    } while (!done.get());
                    return calls;
                }));
            }
            try {
                for (int k = 0; k < 100; k++) {
                    Path broken = switch (k % 3) {
                        case 0 -> failsInTakeState;
                        case 1 -> failsInStart;
                        default -> failsWithAnError; // an Error in start while callers wait at the gate
                    };
                    assertThrows(PluginException.class, () -> graft.reload("a", broken));
                }
            } finally {
                done.set(true);
            }
            int calls = 0;
            for (Threads.Running<Integer> caller : callers) {
                calls += caller.result();
            }
            assertEquals(calls, echo.next(0), "every call's update is in v1's state");
        }
    }

    @Test
    void quiesceTimeoutLeavesTheRunningVersionServingUntouched() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin",
                TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("v1").keepsState().gate("v1"));
        Path v2 = plugins.write("a-v2.testplugin", v2());
        Gate gate = loader.gate("v1");
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).subscribe(events)
                .quiesceTimeout(Duration.ofMillis(200)).build()) {
            graft.load(v1);
            Echo echo = graft.contract(Echo.class);
            assertEquals(5, echo.next(5));
            gate.close();
            Threads.Running<Integer> inFlight = Threads.start("in-flight", () -> echo.next(1));
            try {
                gate.awaitWaiting(1);

                QuiesceTimeoutException e = assertThrows(QuiesceTimeoutException.class, () -> graft.reload("a", v2));
                assertTrue(e.getMessage().contains("plugin 'a'") && e.getMessage().contains("a-v2.testplugin"), e.getMessage());
                assertTrue(e.getMessage().contains("1 still running"), e.getMessage());
                assertEquals("reload", events.all(GraftEvent.Failed.class).getLast().operation());
            } finally {
                gate.open();
            }
            assertEquals(6, inFlight.result(), "the call in flight finished in v1");
            assertEquals("v1", echo.answer());
            assertEquals(7, echo.next(1));
            assertTrue(loader.journal().of("takeState").isEmpty(), "no state was taken");
        }
    }

    @Test
    void reloadMayNotDropAContractSomeoneHoldsAProxyOn() {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("a", "1.0.0").provides("test.echo@1.0", "test.mirror@1.0").answer("v1"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("a", "2.0.0").provides("test.echo@1.0").answer("v2"));
        try (Graft graft = graft()) {
            graft.load(v1);
            Mirror mirror = graft.contract(Mirror.class);

            ContractMismatchException e = assertThrows(ContractMismatchException.class, () -> graft.reload("a", v2));
            assertTrue(e.getMessage().contains("test.mirror@1.0") && e.getMessage().contains("plugin 'a'"), e.getMessage());
            assertEquals("v1", mirror.answer());
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    static Stream<Arguments> failedLoads() {
        return Stream.of(
                arguments("manifest unreadable", ManifestException.class, "id = a\nnot a manifest line\n"),
                arguments("prepare throws", PluginLinkException.class, TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").fail("prepare").text()),
                arguments("start throws", PluginStartException.class, TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").fail("start").text()),
                arguments("requirement unsatisfied", UnsatisfiedDependencyException.class,
                        TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").requires("test.mirror@1.0").text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedLoads")
    void failedLoadLeavesNothingLoaded(String step, Class<? extends PluginException> expected, String text) {
        TestPlugins plugins = new TestPlugins(dir);
        Path broken = plugins.writeText("a.testplugin", text);
        try (Graft graft = graft()) {
            PluginException e = assertThrows(PluginException.class, () -> graft.load(broken));
            assertSame(expected, e.getClass(), () -> "after: " + step + ", found " + e);
            assertTrue(e.getMessage().contains("a.testplugin"), "names the artifact: " + e.getMessage());
            assertEquals(List.of(), graft.plugins());
            assertThrows(NoProviderException.class, () -> graft.contract(Echo.class));
            assertSame(e, events.all(GraftEvent.Failed.class).getLast().error());
            assertEquals(List.of(), events.all(GraftEvent.Loaded.class));

            // nothing is left behind that would keep a good version of the same plugin from loading
            graft.load(plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0").answer("good")));
            assertEquals("good", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void loadAllIsAllOrNothing() {
        TestPlugins plugins = new TestPlugins(dir);
        plugins.write(TestPlugin.of("a", "1.0.0").provides("test.echo@1.0"));
        plugins.write(TestPlugin.of("b", "1.0.0").requires("test.echo@1.0").provides("test.mirror@1.0"));
        plugins.write(TestPlugin.of("c", "1.0.0").requires("test.mirror@1.0").provides("test.relay@1.0").fail("start"));
        try (Graft graft = graft()) {
            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.loadAll(dir));
            assertTrue(e.getMessage().contains("plugin 'c'") && e.getMessage().contains("c.testplugin"), e.getMessage());

            assertEquals(List.of(), graft.plugins());
            assertThrows(NoProviderException.class, () -> graft.contract(Echo.class));
            // a and b were published before c failed: the events say they went again, in order
            assertEquals(List.of("Loaded a", "Loaded b", "Unloaded b", "Unloaded a", "Failed c"), events.all().stream()
                    .filter(event -> !(event instanceof GraftEvent.Retired))
                    .map(event -> event.getClass().getSimpleName() + " " + event.pluginId()).toList());
            assertSame(e, events.all(GraftEvent.Failed.class).getLast().error());
            // a and b had been started before c failed: they are stopped again
            events.await(GraftEvent.Retired.class, "a");
            events.await(GraftEvent.Retired.class, "b");
            for (String id : List.of("a", "b")) {
                assertEquals(List.of("prepare", "start", "stop", "close"), loader.journal().steps(loader.journal().labels(id).getFirst()));
            }
        }
    }
}
