package dev.graft.cli.demo;

import dev.graft.api.host.Log;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's {@code graft.log}, shadowing the built-in one (which writes to {@code System.Logger},
 * where the example plugins' debug lines would go unseen): it counts the lines every plugin version
 * logs, and prints the first line of the first two versions, so the demo shows plugins of each kind
 * logging through the host.
 *
 * <p>Thread-safe: plugins log from the reloading thread (when a version starts) and from callers'
 * threads (a wasm instance made during a call). The count is one atomic; which versions were shown
 * is decided under this object's lock; {@link PrintWriter} locks around each line.
 */
final class DemoLog {

    /** Versions whose first line is printed: the first load's and the first reload's. */
    private static final int VERSIONS_SHOWN = 2;

    private final PrintWriter out;
    private final AtomicLong lines = new AtomicLong();
    /** Guarded by this: the versions whose first line was printed. */
    private final Set<String> shown = new HashSet<>();

    DemoLog(PrintWriter out) {
        this.out = out;
    }

    /** The module for one plugin version, whose lines are tagged with its label. */
    Log forVersion(String versionLabel) {
        return new Log() {
            @Override
            public void debug(String message) {
                line(versionLabel, "debug", message);
            }

            @Override
            public void info(String message) {
                line(versionLabel, "info", message);
            }

            @Override
            public void warn(String message) {
                line(versionLabel, "warn", message);
            }

            @Override
            public void error(String message) {
                line(versionLabel, "error", message);
            }
        };
    }

    /** How many lines the plugins logged. */
    long lines() {
        return lines.get();
    }

    private void line(String versionLabel, String level, String message) {
        lines.incrementAndGet();
        synchronized (this) { // rare: a version logs once when it starts (a wasm version once per instance)
            if (shown.size() == VERSIONS_SHOWN || !shown.add(versionLabel)) {
                return;
            }
        }
        out.printf("  %s logged (%s, through graft.log): %s%n", versionLabel, level, message);
    }
}
