package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.graft.api.HostModule;
import dev.graft.api.PluginContext;
import dev.graft.api.host.Config;
import dev.graft.api.host.Handles;
import dev.graft.api.host.Log;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleException;
import dev.graft.core.host.HostModuleContext;
import dev.graft.core.host.HostModuleFactory;
import dev.graft.core.host.HostModuleType;
import dev.graft.core.host.PluginHandles;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.LinkedHostModule;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host modules, with the test loader: registration (and refusing a second one of the same name and
 * major unless shadowing), grants, versions, factories that fail, imports refused at load and at
 * reload with the running version serving, the built-ins, and handles a plugin leaks released
 * when it unloads.
 */
class HostModuleTest {

    /** A host's own module. */
    @HostModule(name = "test.store", version = "1.2")
    public interface Store {
        String get(String key);
    }

    /** The same module name, a newer minor: satisfies imports of 1.0 to 1.3. */
    @HostModule(name = "test.store", version = "1.3")
    public interface NewerStore {
        String get(String key);
    }

    /** The same module name, an older minor: does not satisfy an import of 1.2. */
    @HostModule(name = "test.store", version = "1.1")
    public interface OlderStore {
        String get(String key);
    }

    /** The same name, another major: a module of its own. */
    @HostModule(name = "test.store", version = "2.0")
    public interface StoreV2 {
        String get(String key);
    }

    @HostModule(name = "test.clock", version = "1.0")
    public interface Clock {
        long now();
    }

    /** Not a host module. */
    public interface Plain {
    }

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private TestPlugins plugins;

    @BeforeEach
    void plugins() {
        plugins = new TestPlugins(dir);
    }

    private GraftBuilder builder() {
        return Graft.builder().loader(loader).discoverLoaders(false).subscribe(events);
    }

    private static TestPlugin plugin(String id, String version, String... imports) {
        return TestPlugin.of(id, version).provides("test.echo@1.0").answer(id + " " + version).imports(imports);
    }

    private LinkContext linkOf(Graft graft, String id) {
        return loader.link(graft.plugin(id).orElseThrow().label());
    }

    private static <E extends PluginException> E refused(Class<E> type, Runnable load, String... fragments) {
        E e = assertThrows(type, load::run);
        assertSame(type, e.getClass(), e::toString);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    @Nested
    class Registration {

        @Test
        void aRegisteredGrantedModuleIsMadeForEachVersionThatImportsIt() {
            List<HostModuleContext> made = new CopyOnWriteArrayList<>();
            Path v1 = plugins.write("a-v1.testplugin", plugin("a", "1.0.0", "test.clock@1.0", "test.store@1.2"));
            Path v2 = plugins.write("a-v2.testplugin", plugin("a", "2.0.0", "test.clock@1.0", "test.store@1.2"));
            try (Graft graft = builder()
                    .hostModule(Store.class, ctx -> {
                        made.add(ctx);
                        return key -> ctx.pluginId() + ":" + key;
                    })
                    .hostModule(Clock.class, ctx -> () -> 42)
                    .grant("a", Store.class, Clock.class)
                    .config("a", Map.of("k", "v"))
                    .build()) {
                graft.load(v1);
                LinkContext first = linkOf(graft, "a");
                List<LinkedHostModule> linked = first.hostModules();
                assertEquals(List.of(Clock.class, Store.class), linked.stream().map(m -> m.module().type()).toList(),
                        "in the manifest's order");
                assertEquals("a:x", ((Store) linked.get(1).implementation()).get("x"));
                assertSame(linked.get(1).implementation(), first.pluginContext().hostModule(Store.class));

                graft.reload("a", v2);
                LinkContext second = linkOf(graft, "a");
                assertNotSame(first.hostModules().get(1).implementation(), second.hostModules().get(1).implementation(),
                        "made again for the new version");
                assertEquals(2, made.size());
                assertEquals(List.of("1.0.0", "2.0.0"), made.stream().map(HostModuleContext::pluginVersion).toList());
                assertEquals(first.versionLabel(), made.get(0).versionLabel());
                assertEquals(Map.of("k", "v"), made.get(1).config());
                assertSame(second.handles(), made.get(1).handles(), "the factory gets the version's own handles");
            }
        }

        @Test
        void registeringAModuleOfTheSameNameAndMajorAgainIsRefusedNamingBoth() {
            GraftBuilder builder = builder().hostModule(Store.class, ctx -> key -> "first");

            IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                    () -> builder.hostModule(NewerStore.class, ctx -> key -> "second"));
            assertTrue(again.getMessage().contains("found test.store@1.3 (" + NewerStore.class.getName() + ", registered by the host) after "
                    + "test.store@1.2 (" + Store.class.getName() + ", registered by the host)"), again.getMessage());
            assertTrue(again.getMessage().contains("use shadowHostModule"), again.getMessage());

            IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class,
                    () -> builder.hostModule(Log.class, ctx -> null));
            assertTrue(builtIn.getMessage().contains("graft.log@1.0 (" + Log.class.getName() + ", built in)"), builtIn.getMessage());
        }

        /** A module that would take the name of the runtime's own wasm imports. */
        @HostModule(name = "graft.host", version = "1.0")
        public interface Impostor {
            void fail(int status);
        }

        @Test
        void theRuntimesOwnImportNameIsReserved() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().hostModule(Impostor.class, ctx -> status -> { }));
            assertTrue(e.getMessage().contains("expected a host module name other than graft.host")
                    && e.getMessage().contains(Impostor.class.getName()), e.getMessage());
        }

        @Test
        void anotherMajorIsAnotherModule() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.0"));
            Path b = plugins.write(plugin("b", "1.0.0", "test.store@2.0"));
            try (Graft graft = builder()
                    .hostModule(Store.class, ctx -> key -> "v1")
                    .hostModule(StoreV2.class, ctx -> key -> "v2")
                    .grantToAll(Store.class, StoreV2.class)
                    .build()) {
                graft.load(a);
                graft.load(b);
                assertEquals("v1", linkOf(graft, "a").pluginContext().hostModule(Store.class).get(""));
                assertEquals("v2", linkOf(graft, "b").pluginContext().hostModule(StoreV2.class).get(""));
            }
        }

        @Test
        void shadowingReplacesTheModuleOfTheSameNameAndMajorKeepingItsGrants() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            try (Graft graft = builder()
                    .hostModule(Store.class, ctx -> key -> "original")
                    .grant("a", Store.class)
                    .shadowHostModule(NewerStore.class, ctx -> key -> "shadow")
                    .build()) {
                graft.load(a);
                LinkedHostModule linked = linkOf(graft, "a").hostModules().getFirst();
                assertEquals(NewerStore.class, linked.module().type());
                assertEquals("shadow", ((NewerStore) linked.implementation()).get(""));
            }
        }

        @Test
        void aBuiltInCanBeShadowed() {
            List<String> logged = new CopyOnWriteArrayList<>();
            Path a = plugins.write(plugin("a", "1.0.0", "graft.log@1.0"));
            try (Graft graft = builder().shadowHostModule(Log.class, ctx -> new Log() {
                public void debug(String m) {
                    logged.add(m);
                }

                public void info(String m) {
                    logged.add(m);
                }

                public void warn(String m) {
                    logged.add(m);
                }

                public void error(String m) {
                    logged.add(m);
                }
            }).build()) {
                graft.load(a);
                linkOf(graft, "a").pluginContext().hostModule(Log.class).info("hello");
                assertEquals(List.of("hello"), logged);
            }
        }

        @Test
        void shadowingNothingIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().shadowHostModule(Store.class, ctx -> key -> ""));
            assertTrue(e.getMessage().contains("expected a registered host module test.store of major 1 to shadow with test.store@1.2"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("found none (registered: graft.config@1.0, graft.handles@1.0, graft.log@1.0)"),
                    e.getMessage());
        }

        static Stream<Arguments> notHostModules() {
            return Stream.of(
                    arguments(Plain.class, "found interface " + Plain.class.getName() + " without it"),
                    arguments(String.class, "found class java.lang.String without it"),
                    arguments(Echo.class, "found interface " + Echo.class.getName() + " without it"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("notHostModules")
        void onlyHostModuleInterfacesAreRegisteredOrGranted(Class<?> type, String found) {
            for (java.util.function.Consumer<GraftBuilder> call : List.<java.util.function.Consumer<GraftBuilder>>of(
                    b -> b.hostModule(type, ctx -> null),
                    b -> b.shadowHostModule(type, ctx -> null),
                    b -> b.grant("a", type),
                    b -> b.grantToAll(type),
                    b -> b.revokeFromAll(type))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(builder()));
                assertTrue(e.getMessage().contains("expected a public interface annotated @" + HostModule.class.getName()), e.getMessage());
                assertTrue(e.getMessage().contains(found), e.getMessage());
            }
        }

        @Test
        void aNullFactoryOrMalformedConfigIsRefused() {
            IllegalArgumentException factory = assertThrows(IllegalArgumentException.class,
                    () -> builder().hostModule(Store.class, (HostModuleFactory<Store>) null));
            assertTrue(factory.getMessage().contains("expected a factory for host module " + Store.class.getName() + ", found null"));
            Map<String, String> withNull = new java.util.HashMap<>();
            withNull.put("k", null);
            IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> builder().config("a", withNull));
            assertTrue(value.getMessage().contains("found a null value for 'k'"), value.getMessage());
            IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> builder().config("Not An Id", Map.of()));
            assertTrue(id.getMessage().contains("found 'Not An Id'"), id.getMessage());
            assertThrows(IllegalArgumentException.class, () -> builder().grant("Not An Id", Store.class));
        }
    }

    @Nested
    class Imports {

        @Test
        void anImportNotRegisteredFailsTheLoadNamingPluginAndModule() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            try (Graft graft = builder().build()) {
                HostModuleException e = refused(HostModuleException.class, () -> graft.load(a), "plugin 'a' (a.testplugin)",
                        "imports host module test.store@1.2, found none registered "
                                + "(registered: graft.config@1.0, graft.handles@1.0, graft.log@1.0)");
                assertEquals(ModuleRef.parse("test.store@1.2"), e.module());
                assertEquals(List.of(), graft.plugins());
                assertEquals(List.of(), loader.journal().entries(), "refused before the loader ran");
            }
        }

        @Test
        void anImportNotGrantedToThePluginFailsTheLoad() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            Path b = plugins.write(plugin("b", "1.0.0", "test.store@1.2"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> key -> "").grant("b", Store.class).build()) {
                refused(HostModuleException.class, () -> graft.load(a), "plugin 'a'",
                        "imports host module test.store@1.2, found it registered but not granted to plugin 'a' "
                                + "(granted to it: graft.config@1.0, graft.handles@1.0, graft.log@1.0)");
                graft.load(b);
                assertEquals(List.of("b"), graft.plugins().stream().map(PluginInfo::id).toList());
            }
        }

        @Test
        void anImportOfANewerMinorThanRegisteredFailsTheLoad() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            Path b = plugins.write(plugin("b", "1.0.0", "test.store@1.0"));
            try (Graft graft = builder().hostModule(OlderStore.class, ctx -> key -> "").grantToAll(OlderStore.class).build()) {
                refused(HostModuleException.class, () -> graft.load(a), "imports host module test.store@1.2, found test.store@1.1 ("
                        + OlderStore.class.getName() + ", registered by the host), older than the import asks");
                graft.load(b); // 1.1 satisfies 1.0
            }
        }

        @Test
        void anUngrantedImportFailsAReloadAndTheOldVersionKeepsServing() {
            Path v1 = plugins.write("a-v1.testplugin", plugin("a", "1.0.0"));
            Path v2 = plugins.write("a-v2.testplugin", plugin("a", "2.0.0", "test.store@1.2"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> key -> "").build()) {
                String v1Label = graft.load(v1).label();
                Echo echo = graft.contract(Echo.class);

                refused(HostModuleException.class, () -> graft.reload("a", v2), "plugin 'a' (a-v2.testplugin)",
                        "not granted to plugin 'a'");

                assertEquals("a 1.0.0", echo.answer());
                assertEquals(v1Label, graft.plugin("a").orElseThrow().label());
                assertEquals(List.of(v1Label), loader.journal().labels("a"), "the new version never reached the loader");
                GraftEvent.Failed failed = events.all(GraftEvent.Failed.class).getLast();
                assertEquals("reload", failed.operation());
                assertInstanceOf(HostModuleException.class, failed.error());
            }
        }

        @Test
        void aFactoryThrowingFailsTheLoadNamingPluginAndModuleAndKeepsTheCause() {
            IllegalStateException cause = new IllegalStateException("store offline");
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> {
                throw cause;
            }).grantToAll(Store.class).build()) {
                HostModuleException e = refused(HostModuleException.class, () -> graft.load(a), "plugin 'a'",
                        "host module test.store@1.2 (" + Store.class.getName() + "): expected its factory to make an implementation for a@1.0.0#",
                        "found it threw java.lang.IllegalStateException: store offline");
                assertSame(cause, e.getCause());
                assertEquals(List.of(), graft.plugins());
            }
        }

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void aFactoryMakingNothingOrTheWrongThingFailsTheLoad() {
            Path a = plugins.write(plugin("a", "1.0.0", "test.store@1.2"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> null).grantToAll(Store.class).build()) {
                refused(HostModuleException.class, () -> graft.load(a), "expected its factory to make an implementation for", "found null");
            }
            HostModuleFactory wrong = ctx -> "not a store";
            try (Graft graft = builder().hostModule(Store.class, wrong).grantToAll(Store.class).build()) {
                refused(HostModuleException.class, () -> graft.load(a), "found an instance of java.lang.String, which does not implement it");
            }
        }

        @Test
        void aFactoryFailingForAReLinkedDependentRollsTheReloadBack() {
            AtomicInteger calls = new AtomicInteger();
            Path base1 = plugins.write("base-v1.testplugin", TestPlugin.of("base", "1.0.0").provides("test.mirror@1.0").answer("base1"));
            Path base2 = plugins.write("base-v2.testplugin", TestPlugin.of("base", "1.1.0").provides("test.mirror@1.0").answer("base2"));
            Path top = plugins.write("top.testplugin", TestPlugin.of("top", "1.0.0").provides("test.echo@1.0").answer("top")
                    .requires("test.mirror@1.0").imports("test.store@1.2"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> {
                if (calls.incrementAndGet() > 1) {
                    throw new IllegalStateException("no second store for " + ctx.versionLabel());
                }
                return key -> "";
            }).grant("top", Store.class).build()) {
                graft.load(base1);
                graft.load(top);
                Echo echo = graft.contract(Echo.class);
                assertEquals("top(base1)", echo.answer());

                refused(HostModuleException.class, () -> graft.reload("base", base2),
                        "reloading plugin 'base' (base-v2.testplugin) failed: dependent 'top' (top.testplugin) no longer links: ",
                        "no second store for top@1.0.0#");

                assertEquals("top(base1)", echo.answer(), "both old versions serve");
                assertEquals("1.0.0", graft.plugin("base").orElseThrow().version().toString());
            }
        }

        @Test
        void aPluginAsksOnlyForModulesItImports() {
            Path a = plugins.write(plugin("a", "1.0.0", "graft.log@1.0"));
            try (Graft graft = builder().hostModule(Store.class, ctx -> key -> "").revokeFromAll(Config.class).build()) {
                graft.load(a);
                PluginContext context = linkOf(graft, "a").pluginContext();
                assertInstanceOf(Log.class, context.hostModule(Log.class));

                IllegalArgumentException notImported = assertThrows(IllegalArgumentException.class, () -> context.hostModule(Handles.class));
                assertTrue(notImported.getMessage().contains("plugin 'a' asked for host module graft.handles@1.0 ("
                        + Handles.class.getName() + ") but its manifest imports [graft.log@1.0]; declare it in imports"),
                        notImported.getMessage());
                assertFalse(notImported.getMessage().contains("grant"), notImported.getMessage());

                IllegalArgumentException notGranted = assertThrows(IllegalArgumentException.class, () -> context.hostModule(Config.class));
                assertTrue(notGranted.getMessage().contains("ask the host to grant it (it is not granted to this plugin)"),
                        notGranted.getMessage());
                IllegalArgumentException notAModule = assertThrows(IllegalArgumentException.class, () -> context.hostModule(Plain.class));
                assertTrue(notAModule.getMessage().contains("expected a public interface annotated @"), notAModule.getMessage());
            }
        }

        static Stream<Arguments> malformedImports() {
            return Stream.of(
                    arguments("graft.log", "expected a host module as name@version (graft.log@1.0), found 'graft.log'"),
                    arguments("graft.log@1", "expected a semantic version such as 1.2 or 1.2.3, found '1'"),
                    arguments("Graft Log@1.0", "expected a dotted host module name such as graft.log, found 'Graft Log'"),
                    arguments("graft.log@1.0, graft.log@1.2", "expected each host module once in imports, found graft.log major 1 twice"),
                    arguments(", graft.log@1.0", "expected a host module as name@version (graft.log@1.0), found ''"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedImports")
        void malformedImportsAreManifestErrorsNamingTheLine(String imports, String found) {
            Path a = plugins.writeText("a.testplugin", "id = a\nversion = 1.0.0\nimports = " + imports + "\n");
            try (Graft graft = builder().build()) {
                ManifestException e = refused(ManifestException.class, () -> graft.load(a), "line 3: ", found);
                assertEquals(3, e.line());
            }
        }

        @Test
        void grantingAModuleNoOneRegisteredIsRefusedAtBuild() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().grant("a", Store.class).build());
            assertTrue(e.getMessage().contains("expected each granted host module to be registered, found test.store@1.2 ("
                    + Store.class.getName() + ") granted but none of its name and major registered"), e.getMessage());
        }

        @Test
        void revokingAGrantNotMadeToAllIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> builder().hostModule(Store.class, ctx -> key -> "").revokeFromAll(Store.class));
            assertTrue(e.getMessage().contains("expected host module test.store@1.2 (" + Store.class.getName()
                    + ") granted to every plugin, found it is not"), e.getMessage());
        }

        @Test
        void aBuiltInRevokedFromAllCanBeGrantedToOnePlugin() {
            Path a = plugins.write(plugin("a", "1.0.0", "graft.config@1.0"));
            Path b = plugins.write(plugin("b", "1.0.0", "graft.config@1.0"));
            try (Graft graft = builder().revokeFromAll(Config.class).grant("b", Config.class).build()) {
                refused(HostModuleException.class, () -> graft.load(a), "not granted to plugin 'a' (granted to it: graft.handles@1.0, graft.log@1.0)");
                graft.load(b);
            }
        }
    }

    @Nested
    class BuiltIns {

        @Test
        void logWritesToTheHostsSystemLoggerTaggedWithPluginAndVersion() {
            List<LogRecord> records = new CopyOnWriteArrayList<>();
            Logger logger = Logger.getLogger("graft.plugin.logger");
            Handler capture = new Handler() {
                public void publish(LogRecord record) {
                    records.add(record);
                }

                public void flush() {
                }

                public void close() {
                }
            };
            logger.addHandler(capture);
            try (Graft graft = builder().build()) {
                graft.load(plugins.write(plugin("logger", "1.2.3", "graft.log@1.0")));
                Log log = linkOf(graft, "logger").pluginContext().hostModule(Log.class);
                log.info("started");
                log.warn("careful");
                log.error("broken");
                assertEquals(List.of("[logger@1.2.3] started", "[logger@1.2.3] careful", "[logger@1.2.3] broken"),
                        records.stream().map(LogRecord::getMessage).toList());
                assertEquals(List.of("INFO", "WARNING", "SEVERE"), records.stream().map(r -> r.getLevel().getName()).toList());
            } finally {
                logger.removeHandler(capture);
            }
        }

        @Test
        void configReadsWhatTheHostSetForThisPluginOnly() {
            try (Graft graft = builder()
                    .config("a", Map.of("region", "eu", "tier", "1"))
                    .config("a", Map.of("tier", "2"))
                    .config("b", Map.of("region", "us"))
                    .build()) {
                graft.load(plugins.write(plugin("a", "1.0.0", "graft.config@1.0")));
                graft.load(plugins.write(plugin("c", "1.0.0", "graft.config@1.0")));
                Config a = linkOf(graft, "a").pluginContext().hostModule(Config.class);
                assertTrue(a.has("region"));
                assertEquals("eu", a.get("region"));
                assertEquals("2", a.get("tier"), "a key given again takes the new value");
                assertFalse(a.has("missing"));
                assertEquals("", a.get("missing"));
                Config c = linkOf(graft, "c").pluginContext().hostModule(Config.class);
                assertFalse(c.has("region"), "another plugin's configuration is not c's");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.get(null));
                assertTrue(e.getMessage().contains("expected a configuration key, found null"));
            }
        }

        @Test
        void handlesReleasesAnOwnedHandleOfTheCallingVersionOnly() {
            try (Graft graft = builder().build()) {
                graft.load(plugins.write(plugin("a", "1.0.0", "graft.handles@1.0")));
                graft.load(plugins.write(plugin("b", "1.0.0", "graft.handles@1.0")));
                LinkContext a = linkOf(graft, "a");
                LinkContext b = linkOf(graft, "b");
                Handles release = a.pluginContext().hostModule(Handles.class);
                long mine = a.handles().owned("a's");
                long theirs = b.handles().owned("b's");

                HandleException foreign = assertThrows(HandleException.class, () -> release.release(theirs));
                assertEquals(HandleException.Reason.FOREIGN, foreign.reason());
                release.release(mine);
                HandleException twice = assertThrows(HandleException.class, () -> release.release(mine));
                assertEquals(HandleException.Reason.RELEASED, twice.reason());
                assertEquals("b's", b.handles().resolve(theirs, String.class));
                assertEquals(1, graft.liveHandles());
            }
        }

        @Test
        void theBuiltInsAreGrantedToEveryPluginByDefault() {
            try (Graft graft = builder().build()) {
                graft.load(plugins.write(plugin("anyone", "1.0.0", "graft.log@1.0", "graft.config@1.0", "graft.handles@1.0")));
                assertEquals(List.of("graft.log", "graft.config", "graft.handles"),
                        linkOf(graft, "anyone").hostModules().stream().map(m -> m.module().name()).toList());
            }
        }

        @Test
        void hostModuleTypesAreCheckedWithClearMessages() {
            IllegalArgumentException notPublic = assertThrows(IllegalArgumentException.class, () -> HostModuleType.of(Hidden.class));
            assertTrue(notPublic.getMessage().contains("found interface " + Hidden.class.getName() + " that is not public"),
                    notPublic.getMessage());
            IllegalArgumentException badVersion = assertThrows(IllegalArgumentException.class, () -> HostModuleType.of(BadVersion.class));
            assertTrue(badVersion.getMessage().contains("host module interface " + BadVersion.class.getName()
                    + ": expected a semantic version such as 1.2 or 1.2.3, found 'one'"), badVersion.getMessage());
            IllegalArgumentException badName = assertThrows(IllegalArgumentException.class, () -> HostModuleType.of(BadName.class));
            assertTrue(badName.getMessage().contains("host module interface " + BadName.class.getName()
                    + ": expected a dotted host module name such as graft.log, found 'bad name'"), badName.getMessage());
            IllegalArgumentException aClass = assertThrows(IllegalArgumentException.class, () -> HostModuleType.of(NotAnInterface.class));
            assertTrue(aClass.getMessage().contains("found class " + NotAnInterface.class.getName() + " (not an interface)"),
                    aClass.getMessage());
            assertEquals("test.store@1.2 (" + Store.class.getName() + ")", HostModuleType.of(Store.class).toString());
        }

        @Test
        void aPluginAskingForAnotherInterfaceThanTheHostRegisteredIsToldWhichOne() {
            try (Graft graft = builder().shadowHostModule(OtherLog.class, ctx -> message -> { }).build()) {
                graft.load(plugins.write(plugin("a", "1.0.0", "graft.log@1.0")));
                PluginContext context = linkOf(graft, "a").pluginContext();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> context.hostModule(Log.class));
                assertTrue(e.getMessage().contains("plugin 'a' asked for host module graft.log@1.0 (" + Log.class.getName()
                        + "), found the host's graft.log@1.0 (" + OtherLog.class.getName() + "), another interface; ask for that one"),
                        e.getMessage());
                context.hostModule(OtherLog.class).say("fine");
            }
        }
    }

    @HostModule(name = "test.hidden", version = "1.0")
    interface Hidden {
    }

    @HostModule(name = "test.bad", version = "one")
    public interface BadVersion {
    }

    @HostModule(name = "bad name", version = "1.0")
    public interface BadName {
    }

    @HostModule(name = "test.class", version = "1.0")
    public static final class NotAnInterface {
    }

    /** Another interface under the built-in log's name: what a host shadowing it with its own would register. */
    @HostModule(name = "graft.log", version = "1.0")
    public interface OtherLog {
        void say(String message);
    }

    @Nested
    class LeakedHandles {

        @Test
        void ownedHandlesAPluginLeaksAreReleasedWhenItUnloads() {
            try (Graft graft = builder().build()) {
                graft.load(plugins.write(plugin("keeper", "1.0.0")));
                long kept = linkOf(graft, "keeper").handles().owned("kept");
                int before = graft.liveHandles();

                graft.load(plugins.write(plugin("leaky", "1.0.0").leakHandles(50)));
                PluginHandles leaky = linkOf(graft, "leaky").handles();
                assertEquals(before + 50, graft.liveHandles());
                assertEquals(50, leaky.live());
                graft.unload("leaky");
                events.await(GraftEvent.Retired.class, "leaky");

                assertEquals(before, graft.liveHandles(), "the table count is back where it started");
                assertEquals(0, leaky.live());
                assertEquals("kept", linkOf(graft, "keeper").handles().resolve(kept, String.class), "another plugin's handle stays");
            }
        }

        @Test
        void aReplacedVersionsLeakedHandlesAreReleasedAndRefused() {
            Path v1 = plugins.write("a-v1.testplugin", plugin("a", "1.0.0").leakHandles(10));
            Path v2 = plugins.write("a-v2.testplugin", plugin("a", "2.0.0").leakHandles(10));
            try (Graft graft = builder().build()) {
                int before = graft.liveHandles();
                graft.load(v1);
                PluginHandles old = linkOf(graft, "a").handles();
                long oldHandle = old.owned("old");
                graft.reload("a", v2);
                events.await(GraftEvent.Retired.class, "a");
                PluginHandles current = linkOf(graft, "a").handles();

                assertEquals(before + 10, graft.liveHandles(), "only the new version's");
                HandleException late = assertThrows(HandleException.class, () -> old.resolve(oldHandle, Object.class));
                assertEquals(HandleException.Reason.RELEASED, late.reason());
                HandleException stale = assertThrows(HandleException.class, () -> current.resolve(oldHandle, Object.class));
                assertEquals(HandleException.Reason.RELEASED, stale.reason());
            }
        }

        @Test
        void handlesMadeForAVersionThatFailsToStartAreReleased() {
            try (Graft graft = builder().build()) {
                int before = graft.liveHandles();
                refused(PluginStartException.class, () -> graft.load(plugins.write(plugin("a", "1.0.0").leakHandles(7).fail("start"))));
                assertEquals(before, graft.liveHandles());
            }
        }

        @Test
        void handlesAFactoryMadeAreReleasedWhenALaterImportFails() {
            List<PluginHandles> seen = new ArrayList<>();
            try (Graft graft = builder()
                    .hostModule(Clock.class, ctx -> {
                        seen.add(ctx.handles());
                        ctx.handles().owned("made by the clock's factory");
                        return () -> 0;
                    })
                    .grantToAll(Clock.class)
                    .build()) {
                refused(HostModuleException.class, () -> graft.load(plugins.write(plugin("a", "1.0.0", "test.clock@1.0", "test.store@1.2"))),
                        "imports host module test.store@1.2, found none registered");
                assertEquals(1, seen.size());
                assertEquals(0, graft.liveHandles());
                assertEquals(0, seen.getFirst().live());
            }
        }

        @Test
        void closingTheRuntimeReleasesEveryHandle() {
            Graft graft = builder().build();
            graft.load(plugins.write(plugin("a", "1.0.0").leakHandles(5)));
            graft.load(plugins.write(plugin("b", "1.0.0").leakHandles(5)));
            assertEquals(10, graft.liveHandles());
            graft.close();
            assertEquals(0, graft.liveHandles());
        }
    }
}
