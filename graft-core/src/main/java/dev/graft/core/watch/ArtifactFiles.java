package dev.graft.core.watch;

import dev.graft.core.sign.SignatureFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which files in a plugin folder are not artifacts (yet): hidden files, editor and build leftovers,
 * lock files, and signature files. A build that writes {@code greeter.jar.lock} (or {@code .graft-lock} for the whole
 * folder) beside an artifact marks it as still being written.
 */
public final class ArtifactFiles {

    /** Name of the lock file that holds back the whole folder. */
    public static final String FOLDER_LOCK = ".graft-lock";

    private ArtifactFiles() {
    }

    /**
     * Hidden, temporary, lock and signature files: never loaded. (A signature file's name is its
     * artifact's plus {@code .sig}: {@code libx.so.sig} would look like a versioned library.)
     */
    public static boolean isIgnored(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".lock") || name.endsWith(".tmp")
                || name.endsWith(".part") || name.endsWith(".swp") || name.endsWith(SignatureFile.SUFFIX);
    }

    /** Whether a lock file says the artifact is still being written. */
    public static boolean isLocked(Path artifact) {
        Path dir = artifact.toAbsolutePath().getParent();
        return Files.exists(dir.resolve(FOLDER_LOCK))
                || Files.exists(artifact.resolveSibling(artifact.getFileName() + ".lock"));
    }
}
