package dev.graft.core.reload;

import dev.graft.core.GraftLoggers;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.spi.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Graft's private copies of artifacts (DESIGN.md, reload step 1): loaders read a copy, so a build
 * may overwrite the original while the plugin runs. Each plugin version owns its copy, deleted when
 * the version is retired; the folder goes when the runtime closes.
 */
final class ArtifactStore implements AutoCloseable {

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong();

    ArtifactStore() {
        try {
            dir = Files.createTempDirectory("graft-artifacts-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Graft's artifact folder", e);
        }
    }

    /** Copies an artifact, as the host named it, into the store. */
    Artifact copy(Path source) {
        if (!Files.isRegularFile(source)) {
            throw new InvalidArtifactException(null, source, "expected a plugin artifact file, found "
                    + (Files.isDirectory(source) ? "a directory" : "no file at " + source));
        }
        Path copy = dir.resolve(sequence.incrementAndGet() + "-" + source.getFileName());
        try {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InvalidArtifactException(null, source, "expected a readable file, found it cannot be copied: " + e, e);
        }
        return new Artifact(source, copy);
    }

    /** Copies the artifact of a live version again, for a re-linked dependent's new version. */
    Artifact recopy(Artifact artifact) {
        Path copy = dir.resolve(sequence.incrementAndGet() + "-" + artifact.source().getFileName());
        try {
            Files.copy(artifact.copy(), copy);
        } catch (IOException e) {
            throw new InvalidArtifactException(null, artifact.source(), "cannot copy Graft's copy " + artifact.copy() + ": " + e, e);
        }
        return new Artifact(artifact.source(), copy);
    }

    void delete(Artifact artifact) {
        delete(artifact.copy());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.getLogger(GraftLoggers.ARTIFACTS).log(System.Logger.Level.WARNING, "cannot delete " + file, e);
        }
    }

    /** The folder of the copies, for tests and diagnostics. */
    Path directory() {
        return dir;
    }

    /**
     * Deletes the folder and what is left in it, each copy on its own (one that cannot be deleted
     * is logged and the others still go). The folder is flat (copies only), and listing it reads
     * no file's attributes, so a copy that vanishes meanwhile (a retirement still deleting its own,
     * if the runtime stopped waiting for it) is no error.
     */
    @Override
    public void close() {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir)) {
            for (Path copy : copies) {
                delete(copy);
            }
        } catch (IOException e) {
            System.getLogger(GraftLoggers.ARTIFACTS).log(System.Logger.Level.WARNING, "cannot list " + dir, e);
        }
        delete(dir);
    }
}
