package dev.graft.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the {@code graft} command in-process with its output captured. Output may be read while the
 * command runs: a {@link StringWriter} is synchronized.
 */
final class Console {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine;

    /** A console whose input is empty (never the test JVM's own input, which the test runner may use). */
    Console() {
        this(InputStream.nullInputStream());
    }

    /** A console whose input {@code graft run} reads from {@code in}. */
    Console(InputStream in) {
        commandLine = GraftCommand.commandLine(in).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    /** Runs {@code graft ARGS...} and returns its exit status. */
    int execute(String... args) {
        return commandLine.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
