package dev.graft.cli.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
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
            copyTree(uri.getScheme().equals("jar") ? jar(uri).provider().getPath(uri) : Path.of(uri), target);
        } catch (URISyntaxException e) {
            throw new IOException("cannot read graft's SDK resources at " + root, e);
        }
        return target;
    }

    /**
     * The file system of graft's own jar, opened once and kept open while graft runs.
     *
     * <p>Why this is sound: builds of several plugin folders run on threads of their own and may
     * copy at once; opening and looking up happen under the class's lock, and the file system is
     * never closed, so no thread reads from one another closed (a zip file system serves
     * concurrent reads).
     */
    private static synchronized FileSystem jar(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
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
