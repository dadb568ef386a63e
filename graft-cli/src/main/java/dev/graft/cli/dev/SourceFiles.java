package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which files of a plugin folder are its sources, for the builders and the watcher alike: every
 * file except editors' temporary files and backups, hidden files and folders ({@code .git},
 * {@code .idea}, Emacs' {@code .#lock} files, vim's {@code .Name.swp}), and a build tool's output
 * folder {@code target/} at the folder's root and the {@code Cargo.lock} cargo writes (cargo's), so that a
 * build never triggers itself.
 */
public final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * Whether a change to {@code relative} (a path inside a plugin folder, relative to it) is no
     * change to the plugin's sources.
     */
    public static boolean ignored(Path relative) {
        if (relative.getNameCount() > 0 && relative.getName(0).toString().equals("target")) {
            return true;
        }
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        String name = relative.getFileName() == null ? "" : relative.getFileName().toString();
        return name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp")
                || name.endsWith(".bak") || name.equals("4913") // vim's probe that it may write in the folder
                || name.equals("Cargo.lock"); // cargo writes it at a crate's first build: not a save
    }

    /**
     * Whether a folder of the folder of plugin folders is no plugin folder: a hidden one
     * ({@code .git}, {@code .idea}), as an editor or a version control system makes them.
     */
    public static boolean hiddenFolder(Path name) {
        return name.getFileName() != null && name.getFileName().toString().startsWith(".");
    }

    /** The files of {@code folder}, at any depth, whose names end with {@code suffix}, sorted; ignored ones left out. */
    public static List<Path> find(Path folder, String suffix) throws IOException {
        return find(folder, f -> f.getFileName().toString().endsWith(suffix));
    }

    /** The files of {@code folder} directly in it (no sub-folder) whose names end with {@code suffix}, sorted. */
    public static List<Path> atRoot(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f)
                    && !ignored(folder.relativize(f))).sorted().toList();
        }
    }

    /** The files of {@code folder}, at any depth, that {@code wanted} takes, sorted; ignored ones and folders left out. */
    public static List<Path> find(Path folder, Predicate<Path> wanted) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(folder) && ignored(folder.relativize(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !ignored(folder.relativize(file)) && wanted.test(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked: an editor's temporary file
                }
                throw e;
            }
        });
        found.sort(null);
        return found;
    }
}
