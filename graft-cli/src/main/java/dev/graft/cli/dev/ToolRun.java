package dev.graft.cli.dev;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of an external tool (a compiler, cargo, a probe): its exit status and everything it
 * printed, standard error and output merged in the order it wrote them, as a user would see it.
 */
record ToolRun(int exitStatus, String output) {

    /** Runs {@code command} in {@code folder} with {@code environment} added to graft's own, and waits for it. */
    static ToolRun of(List<String> command, Path folder, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read: a tool that asks gets end of input, never a hang
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return new ToolRun(process.waitFor(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        }
    }

    /** Whether the tool ran at all and succeeded: a tool that is not installed counts as failed. */
    static boolean succeeds(List<String> command, Path folder, Map<String, String> environment) {
        try {
            return of(command, folder, environment).exitStatus() == 0;
        } catch (IOException e) { // not on PATH, not executable
            return false;
        }
    }

    boolean ok() {
        return exitStatus == 0;
    }
}
