package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.spi.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a version's library is mapped from: the core's private copy, or, for a library whose
 * run path names {@code $ORIGIN}, a copy of that copy beside the artifact.
 *
 * <p>The system's loader resolves {@code $ORIGIN} to the folder of the file it maps, so a plugin
 * that ships its dependencies beside itself ({@code -Wl,-rpath,'$ORIGIN'}) finds them only if the
 * file mapped lies in the artifact's folder. The copy there is hidden ({@code .libx.so.123.graft}:
 * the folder watcher ignores names starting with a dot) and is made from the core's copy, not from
 * the original, so a build may still overwrite the original at any time. It belongs to the
 * version and is deleted when the version is closed (retired, rolled back, or the runtime closes).
 * A folder Graft cannot write to keeps the core's copy, and a missing dependency is then reported
 * by the system's loader.
 */
record MappedFile(Path file, boolean own) {

    private static final int OVERLAP = "${ORIGIN".length() - 1;

    static MappedFile of(Artifact artifact) {
        Path copy = artifact.copy();
        if (!namesOrigin(copy)) {
            return new MappedFile(copy, false);
        }
        Path folder = artifact.source().toAbsolutePath().getParent();
        Path beside = null;
        try {
            beside = Files.createTempFile(folder, "." + artifact.source().getFileName() + ".", ".graft");
            Files.copy(copy, beside, StandardCopyOption.REPLACE_EXISTING);
            // the bytes mapped must be the bytes the core checked (its signature, if the host trusts keys):
            // this copy lies in a folder others write to
            long differs = Files.mismatch(copy, beside);
            if (differs != -1) {
                new MappedFile(beside, true).delete();
                throw new InvalidArtifactException(null, artifact.source(), "expected " + beside.getFileName()
                        + ", Graft's copy beside it, to hold the bytes Graft checked, found it differs from byte " + differs
                        + ": something wrote to it meanwhile");
            }
            return new MappedFile(beside, true);
        } catch (IOException | UnsupportedOperationException e) {
            System.getLogger(GraftLoggers.ARTIFACTS).log(System.Logger.Level.WARNING, "{0}: cannot copy it into {1} ({2}); "
                    + "mapping Graft's private copy, from where $ORIGIN finds no library beside it", artifact.source(), folder, e);
            new MappedFile(beside, true).delete();
            return new MappedFile(copy, false);
        }
    }

    /** Deletes the file if it is this loader's own (the core deletes its copy itself). */
    void delete() {
        if (own && file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger(GraftLoggers.ARTIFACTS).log(System.Logger.Level.WARNING, "cannot delete " + file, e);
            }
        }
    }

    /**
     * Whether the file holds {@code $ORIGIN} or {@code ${ORIGIN}} anywhere: conservative (a run path
     * naming it holds it in the dynamic string table; any other occurrence only costs a copy). Read,
     * not mapped: a mapping would outlive this call until the GC unmaps it.
     */
    static boolean namesOrigin(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int keep = 0; // the tail of the last chunk, for a name cut in two
            int n;
            while ((n = in.read(buffer, keep, buffer.length - keep)) > 0) {
                String text = new String(buffer, 0, keep + n, StandardCharsets.ISO_8859_1);
                if (text.contains("$ORIGIN") || text.contains("${ORIGIN")) {
                    return true;
                }
                keep = Math.min(OVERLAP, keep + n);
                System.arraycopy(buffer, text.length() - keep, buffer, 0, keep);
            }
            return false;
        } catch (IOException e) {
            return false; // ElfFile.check reports an unreadable file
        }
    }
}
