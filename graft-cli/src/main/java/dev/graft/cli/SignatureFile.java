package dev.graft.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signature file of an artifact, {@code ARTIFACT.sig} beside it, as {@code graft inspect}
 * reports it. Only whether it is there: checking it against a key is the signing feature's work
 * (docs/operations.md).
 */
final class SignatureFile {

    private SignatureFile() {
    }

    /** {@code greeter.wasm.sig} for {@code greeter.wasm}. */
    static Path of(Path artifact) {
        return artifact.resolveSibling(artifact.getFileName() + ".sig");
    }

    /** {@code greeter.wasm.sig present}, or {@code absent}. */
    static String status(Path artifact) {
        return of(artifact).getFileName() + (Files.isRegularFile(of(artifact)) ? " present" : " absent");
    }
}
