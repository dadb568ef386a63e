package dev.graft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the native benchmarks' guest libraries with gcc, against the SDK's {@code graft.h} and
 * the headers {@code CBindgen} wrote into the same folder as the source.
 */
final class NativeGuests {

    private NativeGuests() {
    }

    /** Compiles {@code source} into the shared library {@code dir/name}, with {@code -D} for each define. */
    static Path compile(Path dir, Path source, String name, String... defines) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-O2", "-fPIC", "-shared", "-fvisibility=default"));
        for (String define : defines) {
            command.add("-D" + define);
        }
        command.addAll(List.of("-I", sdk().toString(), "-I", dir.toString(), "-o", out.toString(), source.toString()));
        Process gcc = new ProcessBuilder(command).inheritIO().start();
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed building " + name);
        }
        return out;
    }

    /** sdk/c: {@code -Dgraft.sdk.c}, or found above the working directory (./graft bench runs from the repository). */
    private static Path sdk() {
        String given = System.getProperty("graft.sdk.c");
        if (given != null) {
            return Path.of(given);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("sdk/c/graft.h"))) {
                return p.resolve("sdk/c");
            }
        }
        throw new IllegalStateException("expected sdk/c/graft.h above the working directory, found none; set -Dgraft.sdk.c");
    }
}
