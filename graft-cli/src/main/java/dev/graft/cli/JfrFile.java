package dev.graft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The {@code --jfr FILE} option of {@code graft run} and {@code graft demo}: a JDK Flight Recorder
 * recording with the JDK's {@code default} settings (Graft's events included), written to FILE
 * when the command ends, also by Ctrl-C.
 */
final class JfrFile implements AutoCloseable {

    private final Recording recording;
    private final Path file;
    private final PrintWriter out;
    private boolean closed; // guarded by this

    private JfrFile(Recording recording, Path file, PrintWriter out) {
        this.recording = recording;
        this.file = file;
        this.out = out;
    }

    /** Starts recording into {@code file}, or returns null when {@code file} is null (no --jfr). */
    static JfrFile start(Path file, PrintWriter out) throws UsageException {
        if (file == null) {
            return null;
        }
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new UsageException("--jfr " + file + ": expected a file to write in a writable folder, found "
                    + (Files.isDirectory(file) ? "a folder" : "no writable folder " + folder));
        }
        Recording recording;
        try {
            recording = new Recording(Configuration.getConfiguration("default"));
            recording.setDestination(file);
        } catch (IOException | ParseException e) {
            throw new UsageException("--jfr " + file + ": cannot record there: " + e.getMessage());
        }
        recording.setName("graft");
        recording.setDumpOnExit(true); // Ctrl-C: the JVM writes it if close has not run yet
        recording.start();
        return new JfrFile(recording, file, out);
    }

    /** Stops the recording, which writes the file, and says where it is. Harmless twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // an interrupted thread (graft run stops on an interrupt) cannot write the file: JFR's
        // channel would close on the interrupt and leave it empty; the interrupt is kept for after
        boolean interrupted = Thread.interrupted();
        try {
            recording.stop();
            out.println("graft: JFR recording written to " + file + " (jfr print --categories Graft " + file + ")");
        } catch (IllegalStateException e) {
            // the JVM is exiting and has stopped and written it already
        } finally {
            recording.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
