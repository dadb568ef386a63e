package dev.graft.cli.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The guest SDKs graft carries as resources of its own jar ({@code sdk/c}, {@code sdk/wasm},
 * {@code sdk/rust}, copied from the repository's sdk/ by the build): a user's {@code graft} has no
 * repository around it, yet C plugins include graft.h and Rust plugins depend on graft-sdk.
 */
final class SdkFiles {

    private SdkFiles() {
    }

    /**
     * Copies the SDK folder {@code name} ({@code c}, {@code wasm} or {@code rust}) into
     * {@code target} and returns it. A file already there with the same bytes is left alone, so
     * that its modification time stays and cargo does not rebuild graft-sdk at every build.
     */
    static Path copy(String name, Path target) throws IOException {
        URL root = SdkFiles.class.getResource("/sdk/" + name);
        if (root == null) {
            throw new IOException("expected the SDK folder sdk/" + name + " among graft's resources, found none");
        }
        try {
            URI uri = root.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.provider().getPath(uri), target);
                } catch (FileSystemAlreadyExistsException e) { // opened by someone else: use theirs, leave it open
                    copyTree(FileSystems.getFileSystem(uri).provider().getPath(uri), target);
                }
            } else {
                copyTree(Path.of(uri), target);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot read graft's SDK resources at " + root, e);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path relative = from.relativize(file);
            Path destination = to.resolve(relative.toString());
            byte[] bytes = Files.readAllBytes(file);
            if (!Files.exists(destination) || !Arrays.equals(Files.readAllBytes(destination), bytes)) {
                Files.createDirectories(destination.getParent());
                Files.write(destination, bytes);
            }
        }
    }
}
