package dev.graft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.patch.Patchable;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G6 The call path costs almost nothing, for what operators see: with every Graft logger at its
 * most detailed and a recording of every Graft JFR event running, calls through a contract proxy
 * and through a patchable function log nothing, record nothing, count nothing in the stats and
 * publish no event. (What a call costs is measured in graft-bench, never here.)
 */
class G6NothingOnTheCallPathTest {

    private static final List<String> LOGGERS = List.of(GraftLoggers.RELOAD, GraftLoggers.RETIRE, GraftLoggers.PATCH,
            GraftLoggers.WATCH, GraftLoggers.ARTIFACTS, GraftLoggers.EVENTS, GraftLoggers.JFR);

    @TempDir
    Path dir;

    @Test
    void callsLogRecordAndCountNothing() throws Exception {
        TestPlugins plugins = new TestPlugins(dir);
        EventLog events = new EventLog();
        Path file = dir.resolve("calls.jfr");
        try (Graft graft = Graft.builder().loader(new TestLoader()).discoverLoaders(false).subscribe(events).build()) {
            graft.load(plugins.write("g6.testplugin", TestPlugin.of("g6-calls", "1.0.0").provides("test.echo@1.0")));
            Patchable<IntUnaryOperator> twice = graft.patchable("twice", IntUnaryOperator.class, x -> 2 * x);
            Echo echo = graft.contract(Echo.class);
            IntUnaryOperator function = twice.function();
            List<PluginStats> statsBefore = graft.stats();
            int eventsBefore = events.all().size();

            List<LoggerCapture> logs = LOGGERS.stream().map(LoggerCapture::of).toList();
            // Graft's events are enabled in the JDK's settings files, as an operator's recording has them
            try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
                recording.start();
                long patched = 0;
                int answered = 0;
                for (int i = 0; i < 2_000; i++) {
                    patched += function.applyAsInt(i);
                    answered += echo.answer().equals("1.0.0") ? 1 : 0;
                }
                recording.stop();
                recording.dump(file);
                assertEquals(1_999L * 2_000, patched, "the function ran 2000 times");
                assertEquals(2_000, answered, "the plugin answered 2000 times");
            } finally {
                logs.forEach(LoggerCapture::close);
            }

            assertEquals(List.of(), logs.stream().flatMap(l -> l.records().stream()).map(r -> r.getMessage()).toList(),
                    "no log record for a call");
            assertEquals(List.of(), RecordingFile.readAllEvents(file).stream()
                    .map(e -> e.getEventType().getName()).filter(n -> n.startsWith("dev.graft.")).toList(), "no JFR event for a call");
            assertEquals(statsBefore, graft.stats(), "the stats count operations, not calls");
            assertEquals(eventsBefore, events.all().size(), "no event for a call");
        }
    }
}
