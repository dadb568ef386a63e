package dev.graft.cli.demo;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one kind's demo run counted, and its summary line:
 * {@code demo kind=jvm calls=N failed=F reloads=R reload_p50_ms=X reload_max_ms=Y}, followed by
 * how many checked answers came from each version, what the plugins did through host modules (the
 * greetings counted in the host's counter, the lines logged), the owned handles still live
 * once the runtime closed, and the greetings that returned but are missing from the plugin's own
 * count, kept in its state across every reload ({@code state_lost}, 0 unless an update was lost).
 */
public record DemoResult(String kind, long calls, long failed, int reloads, double reloadP50Millis,
                         double reloadMaxMillis, long firstAnswered, long secondAnswered,
                         long greetingsCounted, long linesLogged, int handlesLeft, long stateLost) {

    /**
     * @param reloadNanos the measured duration of each {@code reload()} call
     */
    static DemoResult of(String kind, long calls, long failed, long[] reloadNanos, long firstAnswered, long secondAnswered,
                         long greetingsCounted, long linesLogged, int handlesLeft, long stateLost) {
        long[] sorted = reloadNanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted.length == 0 ? 0 : sorted[(sorted.length + 1) / 2 - 1] / 1e6; // nearest rank
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        return new DemoResult(kind, calls, failed, sorted.length, p50, max, firstAnswered, secondAnswered,
                greetingsCounted, linesLogged, handlesLeft, stateLost);
    }

    /** The one line scripts and tests read; its first six fields keep this shape. */
    public String summary() {
        return String.format(Locale.ROOT,
                "demo kind=%s calls=%d failed=%d reloads=%d reload_p50_ms=%.2f reload_max_ms=%.2f answers_v1=%d answers_v2=%d"
                        + " greetings_counted=%d lines_logged=%d handles_left=%d state_lost=%d",
                kind, calls, failed, reloads, reloadP50Millis, reloadMaxMillis, firstAnswered, secondAnswered,
                greetingsCounted, linesLogged, handlesLeft, stateLost);
    }
}
