package dev.graft.cli;

import dev.graft.core.sign.Ed25519Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code graft keygen}: writes an Ed25519 key pair to sign plugins with (docs/operations.md, "Signed plugins"). */
@Command(name = "keygen",
        description = {
            "Writes an Ed25519 key pair for signing plugins, made by the JDK.",
            "",
            "PREFIX.key is the private key (PEM, PKCS#8; readable by its owner only): keep",
            "it secret, sign with it (graft sign ARTIFACT --key PREFIX.key). PREFIX.pub is",
            "the public key (PEM, X.509 SubjectPublicKeyInfo): hosts trust it with",
            "Graft.builder().trust(Path.of(\"PREFIX.pub\")). openssl reads both.",
            "Exit status 2 if a file exists already (unless --force).",
        })
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "PREFIX", defaultValue = "graft",
            description = "Write PREFIX.key and PREFIX.pub; graft by default.")
    private String prefix;

    @Option(names = "--public", paramLabel = "FILE", description = "Write the public key to FILE instead of PREFIX.pub.")
    private Path publicFile;

    @Option(names = "--force", description = "Replace key files that exist.")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path privateFile = Path.of(prefix + ".key");
        Path pub = publicFile != null ? publicFile : Path.of(prefix + ".pub");
        for (Path file : new Path[] {privateFile, pub}) {
            if (!force && Files.exists(file)) {
                err.println("graft keygen: expected no file at " + file + ", found one; give --force to replace it");
                return GraftCommand.USAGE;
            }
        }
        KeyPair pair = Ed25519Keys.generate();
        try {
            for (Path file : new Path[] {privateFile, pub}) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
            Ed25519Keys.write(pair, privateFile, pub);
        } catch (IOException e) {
            err.println("graft keygen: cannot write the key files: " + e);
            return 1;
        }
        out.println("wrote " + privateFile + " (private: keep it secret) and " + pub + " (public), key "
                + Ed25519Keys.id(pair.getPublic()));
        return 0;
    }
}
