package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "demo kind=jvm calls=(\\d+) failed=(\\d+) reloads=(\\d+) reload_p50_ms=(\\d+\\.\\d{2}) reload_max_ms=(\\d+\\.\\d{2})( .*)?");

    @Test
    void demoReloadsTwoHundredTimesUnderCallsAndNoCallFails() {
        Console console = new Console();

        int status = console.execute("demo", "--reloads", "200");

        List<String> summaries = console.out().lines().filter(l -> l.startsWith("demo kind=jvm")).toList();
        assertEquals(1, summaries.size(), "one summary line for the JVM kind; out:\n" + console.out() + "err:\n" + console.err());
        Matcher m = SUMMARY.matcher(summaries.getFirst());
        assertTrue(m.matches(), "summary line in the documented shape: " + summaries.getFirst());
        assertEquals(0, Long.parseLong(m.group(2)), "failed calls; err:\n" + console.err());
        assertTrue(Long.parseLong(m.group(1)) > 0, "calls were made: " + summaries.getFirst());
        assertEquals(200, Integer.parseInt(m.group(3)));
        assertTrue(Double.parseDouble(m.group(4)) <= Double.parseDouble(m.group(5)), "p50 is at most the max");
        assertEquals(0, status, "exit status; err:\n" + console.err());
    }

    @Test
    void nonPositiveCountsAreAUsageError() {
        Console console = new Console();

        int status = console.execute("demo", "--reloads", "0");

        assertEquals(2, status);
        assertTrue(console.err().contains("expected --reloads and --threads of 1 or more"), console.err());
    }
}
