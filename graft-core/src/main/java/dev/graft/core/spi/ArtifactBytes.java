package dev.graft.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** How error messages say what a file is when it is not what a loader expected: its first bytes. */
public final class ArtifactBytes {

    private ArtifactBytes() {
    }

    /** {@code a file starting with bytes 23 21 2f 62 ...}, {@code an empty file}, or why it cannot be read. */
    public static String describeStart(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length == 0) {
                return "an empty file";
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : head) {
                hex.append(String.format("%02x ", b));
            }
            return "a file starting with bytes " + hex.toString().strip();
        } catch (IOException e) {
            return "an unreadable file (" + e + ")";
        }
    }
}
