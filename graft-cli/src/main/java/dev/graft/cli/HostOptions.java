package dev.graft.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the commands that set up the examples' host ({@link ExampleHost}: run, inspect,
 * call): the host's class path, and the contracts it registers.
 */
final class HostOptions {

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "The host's jars and folders (contracts, host types), separated as for java -cp.")
    String classPath;

    @Option(names = "--contract", paramLabel = "CLASS",
            description = "A contract interface to register, by binary name (repeatable).")
    List<String> contracts = new ArrayList<>();

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
