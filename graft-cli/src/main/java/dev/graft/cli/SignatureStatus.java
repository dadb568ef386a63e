package dev.graft.cli;

import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signature file of an artifact, {@code ARTIFACT.sig} beside it, as {@code graft inspect}
 * reports it: absent, present with the id of the key that made it, or present but not a
 * signature file. Whether that key is trusted, and whether the signature holds, is for the host
 * that loads it to say (its {@code trust} keys; docs/operations.md, "Signed plugins").
 *
 * @param file    the signature file's path
 * @param keyId   the signing key's id, or null when absent or unreadable
 * @param problem why it cannot be read, or null
 */
record SignatureStatus(Path file, String keyId, String problem) {

    static SignatureStatus of(Path artifact) {
        Path file = SignatureFile.of(artifact);
        if (!Files.isRegularFile(file)) {
            return new SignatureStatus(file, null, null);
        }
        try {
            return new SignatureStatus(file, SignatureFile.read(file).keyId(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new SignatureStatus(file, null, e.getMessage());
        }
    }

    boolean present() {
        return keyId != null || problem != null;
    }

    /** {@code greeter.wasm.sig present, by key 3f1c0a9b2d7e4c55}, {@code ... absent} or {@code ... present but unreadable: ...}. */
    @Override
    public String toString() {
        return file.getFileName() + (keyId != null ? " present, by key " + keyId
                : problem != null ? " present but unreadable: " + problem : " absent");
    }
}
