package dev.graft.cli;

import dev.graft.core.GraftBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the commands that set up the examples' host ({@link ExampleHost}: run, inspect,
 * call): the host's class path, the contracts it registers, and the keys it trusts.
 */
final class HostOptions {

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "The host's jars and folders (contracts, host types), separated as for java -cp.")
    String classPath;

    @Option(names = "--contract", paramLabel = "CLASS",
            description = "A contract interface to register, by binary name (repeatable).")
    List<String> contracts = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "KEY",
            description = "Checks signatures against this Ed25519 public key, a PEM file as graft keygen writes (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--require-signatures",
            description = "Refuses every artifact without a signature file by a --trust key.")
    boolean requireSignatures;

    /**
     * {@code --trust} and {@code --require-signatures}: the host checks signatures as one that
     * trusts those keys would (docs/operations.md, "Signed plugins").
     *
     * @throws UsageException for a key file that is not an Ed25519 public key, or signatures required without a key
     */
    GraftBuilder signatures(GraftBuilder builder) throws UsageException {
        for (Path key : trust) {
            try {
                builder.trust(key);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--trust " + key + ": " + e.getMessage());
            }
        }
        if (requireSignatures && trust.isEmpty()) {
            throw new UsageException("--require-signatures: expected a key to check them against (--trust KEY), found none");
        }
        return builder.requireSignatures(requireSignatures);
    }

    /**
     * Checks that {@code artifact} is a file, before a host is set up for it.
     *
     * @throws UsageException naming what was found instead
     */
    static void checkArtifact(Path artifact) throws UsageException {
        if (!Files.isRegularFile(artifact)) {
            throw new UsageException("expected a plugin artifact, found " + (Files.exists(artifact) ? "a folder" : "nothing")
                    + " at " + artifact);
        }
    }
}
