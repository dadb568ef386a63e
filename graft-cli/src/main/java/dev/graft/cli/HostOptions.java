package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.patch.PatchableException;
import dev.graft.core.patch.PatchableType;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the commands that set up the examples' host ({@link ExampleHost}: run, inspect,
 * call): the host's class path, the contracts it registers, the patchable functions it declares,
 * and the keys it trusts.
 */
final class HostOptions {

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "The host's jars and folders (contracts, host types), separated as for java -cp.")
    String classPath;

    @Option(names = "--contract", paramLabel = "CLASS",
            description = "A contract interface to register, by binary name (repeatable).")
    List<String> contracts = new ArrayList<>();

    @Option(names = "--patchable", paramLabel = "NAME=INTERFACE",
            description = "A patchable function the host declares, by name and interface (binary name), such as "
                    + "bonus=java.util.function.DoubleBinaryOperator (repeatable): plugins that patch it load and are "
                    + "checked as in a host that declares it. Until a plugin patches it, calling it throws.")
    List<String> patchables = new ArrayList<>();

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
     * {@code --patchable}: declares each function on {@code graft}, with a body that throws until a
     * plugin patches it (the command's host has none of its own). Call it before loading plugins:
     * a plugin may patch only what was declared before it was loaded.
     *
     * @throws UsageException for a value not of the form NAME=INTERFACE, an interface not found, or
     *                        a declaration Graft refuses (not a public interface with one abstract method,
     *                        a bad or repeated name)
     */
    void declarePatchables(Graft graft, HostClassPath hostClasses) throws UsageException {
        for (String value : patchables) {
            int equals = value.indexOf('=');
            if (equals <= 0 || equals == value.length() - 1) {
                throw new UsageException("--patchable: expected NAME=INTERFACE, such as "
                        + "bonus=java.util.function.DoubleBinaryOperator, found '" + value + "'");
            }
            String name = value.substring(0, equals);
            Class<?> type = hostClasses.load(value.substring(equals + 1));
            try {
                declare(graft, name, type);
            } catch (PatchableException e) {
                throw new UsageException("--patchable " + value + ": " + e.getMessage());
            }
        }
    }

    private static <F> void declare(Graft graft, String name, Class<F> type) {
        PatchableType declaration = PatchableType.of(name, type); // refuses what is not a public functional interface
        graft.patchable(name, type, type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "the unpatched body of " + declaration;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("expected a plugin's patch of " + declaration
                            + " to call, found none: graft declares it for --patchable with no body of its own");
                })));
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
