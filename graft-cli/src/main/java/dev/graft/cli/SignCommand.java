package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.GraftException;
import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graft sign}: writes {@code FILE.sig} beside every file Graft reads when it loads an
 * artifact: the artifact, and what its loader copies with it (a native sidecar's library), so that
 * users need not know the list.
 */
@Command(name = "sign",
        description = {
            "Signs plugin artifacts with an Ed25519 private key (graft keygen makes one).",
            "",
            "Writes FILE.sig beside each ARTIFACT, and beside every other file Graft reads",
            "when it loads it (for a native sidecar, NAME.graft-native, the library it",
            "names by path). A host that trusts the public key loads it",
            "(Graft.builder().trust(...)); one byte changed in any of them, and it refuses it.",
            "Signing again replaces the signature. Exit status 2 if an artifact or the key",
            "cannot be read.",
        })
public final class SignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARTIFACT", description = "The plugin artifacts to sign.")
    private List<Path> artifacts;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key file (PEM, PKCS#8), as graft keygen writes it.")
    private Path key;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArtifactSigner signer;
        try {
            signer = new ArtifactSigner(Ed25519Keys.readPrivate(key));
        } catch (IllegalArgumentException e) {
            err.println("graft sign: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        Set<Path> files = new LinkedHashSet<>();
        try (Graft graft = Graft.builder().build()) { // its loaders choose the companions, as a load would
            for (Path artifact : artifacts) {
                files.addAll(filesOf(artifact, graft));
            }
        } catch (UsageException e) {
            err.println("graft sign: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        for (Path file : files) {
            try {
                out.println("signed " + file + " -> " + signer.sign(file).getFileName() + " (key " + signer.keyId() + ")");
            } catch (IOException e) {
                err.println("graft sign: cannot sign " + file + ": " + e);
                return 1;
            }
        }
        return 0;
    }

    /** The artifact and the files its loader reads with it. */
    private static List<Path> filesOf(Path artifact, Graft graft) throws UsageException {
        if (!Files.isRegularFile(artifact)) {
            throw new UsageException("expected a plugin artifact file, found " + (Files.isDirectory(artifact) ? "a folder" : "no file")
                    + " at " + artifact);
        }
        List<Path> files = new ArrayList<>(List.of(artifact));
        try {
            for (Path companion : graft.companions(artifact)) {
                if (!Files.isRegularFile(companion)) {
                    throw new UsageException(artifact + ": expected the file it names, " + companion + ", found none");
                }
                files.add(companion);
            }
        } catch (GraftException e) {
            throw new UsageException(e.getMessage());
        }
        return files;
    }
}
