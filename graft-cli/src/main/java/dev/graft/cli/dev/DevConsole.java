package dev.graft.cli.dev;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code graft dev} prints a {@link DevOutcome}: one line per build and reload (plugin, kind,
 * what changed, build time, reload time, the state carried), and a failure's messages below its
 * line as the compiler or the loader gave them, coloured on a terminal.
 */
public final class DevConsole {

    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean colour;

    /**
     * @param colour whether to colour failures (ANSI escapes): on a terminal, unless NO_COLOR is set ({@link #onTerminal()})
     */
    public DevConsole(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /**
     * Whether standard output is a terminal that should get colours: there is a console, it is a
     * terminal (since JDK 22 {@code System.console()} is not null when output is redirected),
     * and {@code NO_COLOR} is not set (no-color.org).
     */
    public static boolean onTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() && System.getenv("NO_COLOR") == null;
    }

    /** Prints the outcome's line, and the messages of a failure under it. */
    public void print(DevOutcome outcome) {
        String line = line(outcome);
        switch (outcome.status()) {
            case LOADED, RELOADED, UNLOADED -> out.println(line);
            case BUILD_FAILED, RELOAD_FAILED -> out.println(bold(line) + System.lineSeparator() + highlighted(outcome.message()));
            case UNKNOWN_KIND, TOOLCHAIN_MISSING -> out.println(line + ": " + outcome.message());
        }
        out.flush();
    }

    /** {@code tick (java) Tick.java: built in 180.20 ms, reloaded in 5.10 ms; state mapped: total new, 1 kept}. */
    static String line(DevOutcome o) {
        String who = (o.pluginId() != null ? o.pluginId() : o.folder().getFileName().toString())
                + (o.kind() != null ? " (" + o.kind() + ")" : "");
        String what = o.changed().isEmpty() ? "" : " " + o.changed().stream().map(Path::toString).collect(Collectors.joining(", "));
        String built = "built in " + millis(o.buildNanos());
        return who + what + ": " + switch (o.status()) {
            case LOADED -> built + ", loaded in " + millis(o.reloadNanos()) + " (version " + o.message() + ")";
            case RELOADED -> built + ", reloaded in " + millis(o.reloadNanos()) + "; " + o.message();
            case BUILD_FAILED -> "build failed in " + millis(o.buildNanos()) + "; "
                    + (o.pluginId() != null ? "the running version keeps serving" : "nothing loaded yet");
            case RELOAD_FAILED -> !Files.isDirectory(o.folder()) ? "folder gone, unload failed"
                    : built + ", " + (o.pluginId() != null ? "reload failed; the running version keeps serving" : "load failed; nothing loaded yet");
            case UNLOADED -> "folder gone, unloaded";
            case UNKNOWN_KIND -> "not a plugin source folder, ignored until it changes";
            case TOOLCHAIN_MISSING -> "cannot build";
        };
    }

    private String highlighted(String message) {
        if (!colour) {
            return message;
        }
        return message.lines().map(l -> l.contains("error") ? RED + l + RESET : l.contains("warning") ? YELLOW + l + RESET : l)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private String bold(String line) {
        return colour ? BOLD + line + RESET : line;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
