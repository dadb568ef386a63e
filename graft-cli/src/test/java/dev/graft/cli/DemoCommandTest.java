package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "demo kind=(\\w+) calls=(\\d+) failed=(\\d+) reloads=(\\d+) reload_p50_ms=(\\d+\\.\\d{2}) reload_max_ms=(\\d+\\.\\d{2})( .*)?");

    private static final Pattern PATCH_SUMMARY = Pattern.compile(
            "demo kind=patch calls=(\\d+) failed=(\\d+) patches=(\\d+) patch_p50_us=(\\d+\\.\\d{2})");

    @TempDir
    Path dir;

    /**
     * The Python plugin is reloaded 4 times only (--python-reloads): each of its versions starts a
     * Python context, about 0.2 s; graft-polyglot's own tests hold its reload guarantees.
     */
    @Test
    void demoReloadsEachKindTwoHundredTimesUnderCallsAndNoCallFails() throws Exception {
        Console console = new Console();
        Path recording = dir.resolve("demo.jfr");

        int status = console.execute("demo", "--reloads", "200", "--python-reloads", "4", "--jfr", recording.toString());

        List<String> summaries = console.out().lines().filter(l -> l.startsWith("demo kind=")).toList();
        String output = "out:\n" + console.out() + "err:\n" + console.err();
        assertEquals(6, summaries.size(), "one summary line per kind, then the patch demo's; " + output);
        checkSummary("jvm", 200, summaries.get(0), output);
        checkSummary("native", 200, summaries.get(1), output);
        checkSummary("wasm", 200, summaries.get(2), output);
        checkSummary("js", 200, summaries.get(3), output);
        checkSummary("python", 4, summaries.get(4), output);
        Matcher patch = PATCH_SUMMARY.matcher(summaries.get(5));
        assertTrue(patch.matches(), "patch summary line in the documented shape: " + summaries.get(5));
        assertTrue(Long.parseLong(patch.group(1)) > 0, "calls were made: " + summaries.get(5));
        assertEquals(0, Long.parseLong(patch.group(2)), "failed calls; " + output);
        assertTrue(Long.parseLong(patch.group(3)) >= 1000, "at least 1000 patches: " + summaries.get(5));
        assertEquals(0, status, "exit status; err:\n" + console.err());
        assertTrue(console.out().contains("greeter@1.0.0#1 logged (debug, through graft.log): greeter 1.0.0 (C) ready"),
                "the demo shows what the plugins log: " + output);
        assertTrue(console.out().contains("logged (debug, through graft.log): greeter 1.0.0 (JavaScript) ready"),
                "the JavaScript plugin logs through the host: " + output);
        assertTrue(console.out().contains("logged (debug, through graft.log): greeter 1.0.0 (Python) ready"),
                "the Python plugin logs through the host: " + output);
        // --jfr: one JFR event per reload of each kind, in the file the demo names
        assertTrue(console.out().contains("graft: JFR recording written to " + recording), output);
        long reloads = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("dev.graft.Reload")).count();
        assertEquals(4 * 200 + 4, reloads, "every reload of every kind was recorded");
    }

    private static void checkSummary(String kind, int reloads, String summary, String output) {
        Matcher m = SUMMARY.matcher(summary);
        assertTrue(m.matches(), "summary line in the documented shape: " + summary);
        assertEquals(kind, m.group(1), "kinds in order; " + output);
        assertEquals(0, Long.parseLong(m.group(3)), "failed calls; " + output);
        assertTrue(Long.parseLong(m.group(2)) > 0, "calls were made: " + summary);
        assertEquals(reloads, Integer.parseInt(m.group(4)));
        assertTrue(Double.parseDouble(m.group(5)) <= Double.parseDouble(m.group(6)), "p50 is at most the max: " + summary);
        // the plugins used the host: counted their greetings in its counter, logged, left no handle
        assertTrue(field(summary, "greetings_counted") > 0, summary);
        assertTrue(field(summary, "lines_logged") >= reloads + 1,
                "every one of the " + (reloads + 1) + " versions logged that it was ready: " + summary);
        assertEquals(0, field(summary, "handles_left"), summary);
        // and kept their own count of greetings in their state across every reload
        assertEquals(0, field(summary, "state_lost"), "no greeting missing from the plugin's state: " + summary);
        assertTrue(output.contains("state: 1.0.0 -> 2.0.0: state mapped:") || output.contains("state: 1.0.0 -> 2.0.0: state shared"),
                "the demo shows what a reload did with the state: " + output);
    }

    private static long field(String summary, String name) {
        Matcher m = Pattern.compile(" " + name + "=(\\d+)").matcher(summary);
        assertTrue(m.find(), "expected " + name + "=N in: " + summary);
        return Long.parseLong(m.group(1));
    }

    @Test
    void nonPositiveCountsAreAUsageError() {
        Console console = new Console();

        int status = console.execute("demo", "--reloads", "0");

        assertEquals(2, status);
        assertTrue(console.err().contains("expected --reloads, --python-reloads and --threads of 1 or more, found 0, 20 and 2"),
                console.err());
    }
}
