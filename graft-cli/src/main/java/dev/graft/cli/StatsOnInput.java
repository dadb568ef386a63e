package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.PluginStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code graft run}'s console: a line {@code s} prints every plugin's {@link PluginStats}. Reads
 * on a daemon thread of its own, so that a host without a console (input closed or never
 * written) serves on; the end of input just ends this thread.
 */
final class StatsOnInput {

    private StatsOnInput() {
    }

    static void start(InputStream in, Graft graft, PrintWriter out) {
        Thread.ofPlatform().daemon().name("graft-run-console").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.strip().equals("s")) {
                        print(graft, out);
                    } else if (!line.isBlank()) {
                        out.println("graft run: type s and Enter for stats, Ctrl-C to stop (found '" + line.strip() + "')");
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // input gone, or the runtime closed: nothing more to print
            }
        });
    }

    private static void print(Graft graft, PrintWriter out) {
        List<PluginStats> stats = graft.stats();
        if (stats.isEmpty()) {
            out.println("stats: no plugin loaded yet");
        }
        for (PluginStats s : stats) {
            out.println("stats: " + s);
        }
    }
}
