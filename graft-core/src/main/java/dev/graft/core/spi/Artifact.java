package dev.graft.core.spi;

import java.nio.file.Path;

/**
 * A plugin artifact: the file as the host named it, and Graft's private copy of it, which is what
 * loaders read (the build may overwrite the original while the plugin runs).
 */
public record Artifact(Path source, Path copy) {

    /** The file name, for messages. */
    public String name() {
        return source.getFileName().toString();
    }
}
