package dev.graft.core.watch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which files in a plugin folder are not artifacts (yet): hidden files, editor and build leftovers,
 * and lock files. A build that writes {@code greeter.jar.lock} (or {@code .graft-lock} for the whole
 * folder) beside an artifact marks it as still being written.
 */
public final class ArtifactFiles {

    /** Name of the lock file that holds back the whole folder. */
    public static final String FOLDER_LOCK = ".graft-lock";

    private ArtifactFiles() {
    }

    /** Hidden, temporary or lock files: never loaded. */
    public static boolean isIgnored(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".lock") || name.endsWith(".tmp")
                || name.endsWith(".part") || name.endsWith(".swp");
    }

    /** Whether a lock file says the artifact is still being written. */
    public static boolean isLocked(Path artifact) {
        Path dir = artifact.toAbsolutePath().getParent();
        return Files.exists(dir.resolve(FOLDER_LOCK))
                || Files.exists(artifact.resolveSibling(artifact.getFileName() + ".lock"));
    }
}
