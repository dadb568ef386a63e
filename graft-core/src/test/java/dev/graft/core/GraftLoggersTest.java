package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each concern logs under its own name (docs/operations.md, "Logging"), read here through
 * {@code java.util.logging}, the backend of {@link System.Logger} when no other is installed.
 */
class GraftLoggersTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final EventLog events = new EventLog();
    private final LoggerCapture reload = LoggerCapture.of(GraftLoggers.RELOAD);
    private final LoggerCapture retire = LoggerCapture.of(GraftLoggers.RETIRE);
    private final LoggerCapture watch = LoggerCapture.of(GraftLoggers.WATCH);

    @AfterEach
    void detach() {
        reload.close();
        retire.close();
        watch.close();
    }

    @Test
    void loadsReloadsAndFailuresAreLoggedUnderReloadAndRetirementsUnderRetire() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        Path v1 = plugins.write("a-v1.testplugin", TestPlugin.of("log-a", "1.0.0").provides("test.echo@1.0"));
        Path v2 = plugins.write("a-v2.testplugin", TestPlugin.of("log-a", "2.0.0").provides("test.echo@1.0"));
        Path broken = plugins.write("a-v3.testplugin", TestPlugin.of("log-a", "3.0.0").fail("prepare"));
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).subscribe(events).build()) {
            graft.load(v1);
            graft.reload("log-a", v2);
            assertThrows(PluginException.class, () -> graft.reload("log-a", broken));
            events.await(GraftEvent.Retired.class, "log-a");
        }
        List<String> expected = events.all().stream().filter(e -> !(e instanceof GraftEvent.Retired))
                .map(GraftEvent::toString).toList();
        assertEquals(expected, messages(reload, Level.FINE), "every event but retirements, as its line, at DEBUG");
        List<String> retired = events.all(GraftEvent.Retired.class).stream().map(GraftEvent::toString).toList();
        assertEquals(retired, messages(retire, Level.FINE));
    }

    @Test
    void theWatcherWarnsOfAnArtifactItCannotLoad() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        plugins.write("bad.testplugin", TestPlugin.of("log-bad", "1.0.0").fail("start"));
        try (Graft graft = Graft.builder().loader(loader).discoverLoaders(false).subscribe(events)
                .pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(50)).build()) {
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "log-bad");
            List<String> warned = messages(watch, Level.WARNING);
            assertEquals(List.of(failed.error().getMessage()), warned, "one warning, the failure's message");
            assertTrue(warned.getFirst().contains("bad.testplugin"), warned.toString());
        }
    }

    /** The messages recorded at {@code level}, formatted as java.util.logging's formatters do. */
    private static List<String> messages(LoggerCapture log, Level level) {
        return log.records().stream().filter(r -> r.getLevel().equals(level))
                .map(r -> r.getParameters() == null || r.getParameters().length == 0 ? r.getMessage()
                        : java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                .toList();
    }
}
