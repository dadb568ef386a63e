package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.HostModuleException;
import dev.graft.core.PluginStartException;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.HostModuleGreeting;
import dev.graft.jvm.fixture.KeyValueStore;
import dev.graft.jvm.fixture.StoreException;
import dev.graft.jvm.fixture.UndeclaredHostModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host modules for JVM plugins: the plugin gets the very objects the host's factories made,
 * through its context, and calls them directly (no handles); it logs through {@code graft.log},
 * reads {@code graft.config}, uses a module the host registered, and what that module throws
 * reaches it as the exception it is.
 */
class JvmHostModuleTest {

    private static final String IMPORTS = "imports = graft.log@1.0, graft.config@1.0, test.kv@1.0";

    @TempDir
    Path dir;

    private LoggerCapture log; // graft.log's lines for the plugin kv-greeting

    @BeforeEach
    void captureLog() {
        log = LoggerCapture.of("graft.plugin.kv-greeting");
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    /** The host's store: one per plugin version, answering for the plugin that asked. */
    private static GraftBuilder host() {
        return Graft.builder()
                .hostModule(KeyValueStore.class, ctx -> key -> {
                    if (key.equals("nobody")) {
                        throw new StoreException("no entry '" + key + "' for " + ctx.pluginId());
                    }
                    return key.toUpperCase() + " (for " + ctx.pluginId() + " " + ctx.pluginVersion() + ")";
                })
                .grant("kv-greeting", KeyValueStore.class)
                .config("kv-greeting", Map.of("salutation", "Hello"));
    }

    private Path plugin(TestJar jar, String file) {
        return jar.write(dir, file);
    }

    @Test
    void aJvmPluginLogsReadsItsConfigAndUsesTheHostsModule() {
        Path jar = plugin(TestJar.plugin("kv-greeting", "1.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .line(IMPORTS), "kv.jar");
        try (Graft graft = host().build()) {
            graft.load(jar);
            Greeting greeting = graft.contract(Greeting.class);

            assertEquals("Hello, ADA (for kv-greeting 1.0.0)", greeting.greet("ada"));
            assertEquals(List.of("[kv-greeting@1.0.0] greeting ada"), log.records().stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void whatAHostModuleThrowsReachesThePluginAsTheException() {
        Path jar = plugin(TestJar.plugin("kv-greeting", "1.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .line(IMPORTS), "kv.jar");
        try (Graft graft = host().build()) {
            graft.load(jar);
            Greeting greeting = graft.contract(Greeting.class);

            String caught = greeting.greet("?nobody");
            assertTrue(caught.startsWith("caught " + StoreException.class.getName() + " from "), caught);
            assertTrue(caught.endsWith(": no entry 'nobody' for kv-greeting"), caught);
            assertTrue(!caught.contains("from graft:"), "the host's own exception class, not a copy of the plugin's: " + caught);
            StoreException through = assertThrows(StoreException.class, () -> greeting.greet("!nobody"));
            assertEquals("no entry 'nobody' for kv-greeting", through.getMessage());
        }
    }

    @Test
    void aBundledCopyOfTheModuleInterfaceIsStillTheHostsOne() {
        Path jar = plugin(TestJar.plugin("kv-greeting", "1.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .classes(KeyValueStore.class).line(IMPORTS), "bundles.jar");
        try (Graft graft = host().build()) {
            graft.load(jar);
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("Hello, ADA (for kv-greeting 1.0.0)", greeting.greet("ada"));
            ClassLoader plugin = greeting.classLoader();
            assertSame(KeyValueStore.class, classIn(plugin, KeyValueStore.class.getName()), "the host's interface, not the bundled copy");
        }
    }

    @Test
    void eachVersionGetsModulesMadeForIt() {
        Path v1 = plugin(TestJar.plugin("kv-greeting", "1.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .line(IMPORTS), "v1.jar");
        Path v2 = plugin(TestJar.plugin("kv-greeting", "2.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .line(IMPORTS), "v2.jar");
        try (Graft graft = host().build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            greeting.greet("ada");
            graft.reload("kv-greeting", v2);
            assertEquals("Hello, ADA (for kv-greeting 2.0.0)", greeting.greet("ada"));
            assertEquals(List.of("[kv-greeting@1.0.0] greeting ada", "[kv-greeting@2.0.0] greeting ada"),
                    log.records().stream().map(LogRecord::getMessage).toList());
        }
    }

    @Test
    void anImportTheHostDidNotGrantFailsTheLoadAndTheReload() {
        Path other = plugin(TestJar.plugin("other", "1.0.0").provides("test.greeting@1.2", HostModuleGreeting.class)
                .line(IMPORTS), "other.jar");
        Path v1 = plugin(TestJar.plugin("other", "1.0.0").provides("test.greeting@1.2", GreetingV1.class), "other-v1.jar");
        try (Graft graft = host().build()) {
            HostModuleException load = assertThrows(HostModuleException.class, () -> graft.load(other));
            assertTrue(load.getMessage().contains("plugin 'other' (other.jar): imports host module test.kv@1.0, found it registered "
                    + "but not granted to plugin 'other'"), load.getMessage());

            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            assertThrows(HostModuleException.class, () -> graft.reload("other", other));
            assertEquals("v1 hello ada", greeting.greet("ada"), "the old version keeps serving");
        }
    }

    @Test
    void askingForAModuleTheManifestDoesNotImportFailsTheLoadSayingSo() {
        Path jar = plugin(TestJar.plugin("kv-greeting", "1.0.0").provides("test.greeting@1.2", UndeclaredHostModule.class)
                .classes(GreetingV1.class), "undeclared.jar");
        try (Graft graft = host().build()) {
            PluginStartException e = assertThrows(PluginStartException.class, () -> graft.load(jar));
            assertTrue(e.getMessage().contains("asked for host module test.kv@1.1 (" + KeyValueStore.class.getName()
                    + ") but its manifest imports no host modules; declare it in imports"), e.getMessage());
        }
    }

    private static Class<?> classIn(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
