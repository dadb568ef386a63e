package dev.graft.cli.dev;

import java.nio.file.Path;
import java.util.List;

/**
 * What every build of {@code graft dev} is given: where to write artifacts, and the host's class
 * path (graft-api and the contract classes a Java plugin compiles against, and from which the C
 * and wasm headers are generated).
 *
 * @param outputDir a folder of the dev session's own, where builders write artifacts and
 *     intermediate files (one sub-folder per plugin folder is the builder's choice)
 * @param hostClassPath the jars and folders of the host's contracts (the user's {@code --classpath}),
 *     not including Graft's own
 * @param contracts the contract interfaces the host serves ({@code --contract}), already loaded
 */
public record BuildContext(Path outputDir, List<Path> hostClassPath, List<Class<?>> contracts) {

    public BuildContext {
        hostClassPath = List.copyOf(hostClassPath);
        contracts = List.copyOf(contracts);
    }
}
