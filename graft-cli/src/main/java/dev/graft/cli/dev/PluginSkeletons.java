package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code graft new}'s kinds, and the writing of a skeleton into a new plugin folder. */
public final class PluginSkeletons {

    private static final Map<String, PluginSkeleton> KINDS = new LinkedHashMap<>();

    static {
        for (PluginSkeleton skeleton : List.of(new JavaSkeleton(), new CSkeleton(), new RustSkeleton(), new WatSkeleton(),
                new CWasmSkeleton(), new RustWasmSkeleton(), ScriptSkeleton.js(), ScriptSkeleton.python())) {
            KINDS.put(skeleton.kind(), skeleton);
        }
    }

    private PluginSkeletons() {
    }

    /**
     * Writes the skeleton of a plugin {@code id} of {@code kind} providing {@code contracts} into
     * {@code dir/id}, and returns that folder. Everything is checked before anything is written.
     *
     * @param run the command that runs it under {@code graft dev}, for the skeleton's comments
     * @throws SkeletonException on an unknown kind, a bad id, a class that is not a contract, a
     *     folder that exists and is not empty, or a contract type the kind cannot serve
     */
    public static Path write(String kind, String id, List<Class<?>> contracts, Path dir, String run)
            throws SkeletonException, IOException {
        PluginSkeleton skeleton = KINDS.get(kind);
        if (skeleton == null) {
            throw new SkeletonException("expected a kind " + String.join(", ", KINDS.keySet()) + ", found '" + kind + "'");
        }
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,127}")) {
            throw new SkeletonException("expected a plugin id of lower-case letters, digits, '.', '_' or '-' (at most 128),"
                    + " found '" + id + "'");
        }
        if (contracts.isEmpty()) {
            throw new SkeletonException("expected at least one --contract CLASS, found none");
        }
        List<ContractType<?>> types = new ArrayList<>();
        for (Class<?> contract : contracts) {
            try {
                types.add(ContractType.of(contract));
            } catch (IllegalArgumentException e) {
                throw new SkeletonException(e.getMessage());
            }
        }
        Path folder = dir.resolve(id);
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw new SkeletonException("expected " + folder + " to be a missing or empty folder, found a file");
            }
            try (Stream<Path> entries = Files.list(folder)) {
                List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(3).toList();
                if (!names.isEmpty()) {
                    throw new SkeletonException("expected " + folder + " to be a missing or empty folder, found "
                            + String.join(", ", names) + " in it");
                }
            }
        }
        Map<String, String> files = skeleton.files(id, types, run);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return folder;
    }
}
