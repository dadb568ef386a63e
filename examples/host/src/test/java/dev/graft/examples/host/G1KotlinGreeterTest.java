package dev.graft.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Kotlin example greeter (examples/greeter-kotlin): one jar with the Kotlin standard library
 * shaded in, loaded as any JVM plugin, and reloaded to and from the Java greeter; every call after
 * a reload runs the new version (G1). The host's class path has no Kotlin: the standard library
 * the plugin's calls need comes from its own jar.
 */
class G1KotlinGreeterTest {

    private static final Path PLUGINS = Path.of(System.getProperty("graft.example.plugins", "target/plugins"));

    @Test
    void kotlinGreeterServesTheContractAndReloadsBothWaysWithTheJavaOne() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kotlin.Unit"), "the host has no Kotlin of its own");
        try (ZipFile jar = new ZipFile(PLUGINS.resolve("greeter-kotlin.jar").toFile())) {
            assertTrue(jar.size() > 1000, "the standard library is in the jar: " + jar.size() + " entries");
        }
        HostCounters counters = new HostCounters();
        try (Graft graft = Graft.builder()
                .hostModule(Counters.class, ctx -> counters::counter)
                .grant("greeter", Counters.class)
                .build()) {
            graft.load(PLUGINS.resolve("greeter-kotlin.jar"));
            Greeter greeter = graft.contract(Greeter.class);
            assertEquals("Hello from Kotlin, Ada!", greeter.greet("ada"));
            assertEquals(4, greeter.next(1));

            graft.reload("greeter", PLUGINS.resolve("greeter-v1.jar"));
            assertEquals("Hello, ada!", greeter.greet("ada"));
            assertEquals(2, greeter.next(1));

            graft.reload("greeter", PLUGINS.resolve("greeter-kotlin.jar"));
            assertEquals("Hello from Kotlin, Grace!", greeter.greet("grace"));
            assertEquals(4, greeter.next(1));
            assertEquals("3.0.0", graft.plugin("greeter").orElseThrow().version().toString());
        }
    }
}
