package dev.graft.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code .testplugin} artifacts into a folder, usually a JUnit {@code @TempDir}. */
public final class TestPlugins {

    private final Path dir;

    public TestPlugins(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code ID.testplugin}. */
    public Path write(TestPlugin plugin) {
        return write(plugin.id() + TestLoader.EXTENSION, plugin);
    }

    /** Writes (or overwrites) a file of this name. */
    public Path write(String fileName, TestPlugin plugin) {
        return writeText(fileName, plugin.text());
    }

    /** Writes any text, such as a broken manifest. */
    public Path writeText(String fileName, String text) {
        return writeBytes(fileName, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes any bytes, such as an artifact of no known kind. */
    public Path writeBytes(String fileName, byte[] bytes) {
        Path file = dir.resolve(fileName);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
