package dev.graft.cli.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Watches a folder of plugin folders, recursively, with a {@link WatchService}: every folder under
 * it is registered, new ones as they appear, and each change is passed on as (plugin folder,
 * file). A plugin folder that appears or goes is passed on as (folder, folder). Changes the
 * {@link SourceFiles} rules ignore (editors' temporary files, hidden files, build output) and
 * changes under the session's own output folder are not passed on.
 */
final class SourceWatcher implements AutoCloseable {

    private final Path root;
    private final Path ignoredOutput;
    private final BiConsumer<Path, Path> changed;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    /**
     * Starts watching {@code root}.
     *
     * @param ignoredOutput a folder whose changes are not passed on (the builders' output), or null
     * @param changed called on the watcher's thread with (plugin folder, file changed)
     */
    SourceWatcher(Path root, Path ignoredOutput, BiConsumer<Path, Path> changed) throws IOException {
        this.root = root;
        this.ignoredOutput = ignoredOutput;
        this.changed = changed;
        this.service = FileSystems.getDefault().newWatchService();
        register(root, false);
        this.thread = Thread.ofPlatform().name("graft-dev-watcher").daemon().start(this::watch);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = keys.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflowed();
                    } else if (dir != null) {
                        try {
                            seen(dir.resolve((Path) event.context()), event.kind() == StandardWatchEventKinds.ENTRY_CREATE);
                        } catch (UncheckedIOException e) {
                            // a folder that appeared cannot be read (yet): its next event tries again
                        }
                    }
                }
                if (!key.reset()) {
                    keys.remove(key); // its folder is gone
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop watching
        }
    }

    /** A change to {@code path}, somewhere under the root. */
    private void seen(Path path, boolean created) {
        if (ignoredOutput != null && path.startsWith(ignoredOutput)) {
            return;
        }
        Path relative = root.relativize(path);
        Path folder = root.resolve(relative.getName(0));
        if (SourceFiles.hiddenFolder(relative.getName(0))) {
            return;
        }
        if (relative.getNameCount() == 1) {
            if (Files.isDirectory(path) || !Files.exists(path)) { // a plugin folder appeared or went (a plain file here is none)
                if (created) {
                    register(path, true);
                }
                changed.accept(folder, folder);
            }
            return;
        }
        Path inside = folder.relativize(path);
        if (SourceFiles.ignored(inside)) {
            return;
        }
        if (created && Files.isDirectory(path)) {
            register(path, true); // its files may have been written before it was registered: they count as changed
        }
        changed.accept(folder, path);
    }

    /** Events were lost: every plugin folder may have changed, and new folders may be unregistered. */
    private void overflowed() {
        register(root, true);
    }

    /** Registers {@code start} and every folder under it that is not ignored; with {@code report}, passes on what it finds. */
    private void register(Path start, boolean report) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = root.relativize(dir);
                    if (ignoredOutput != null && dir.startsWith(ignoredOutput)
                            || relative.getNameCount() == 1 && SourceFiles.hiddenFolder(relative)
                            || relative.getNameCount() > 1 && SourceFiles.ignored(relative.subpath(1, relative.getNameCount()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE), dir);
                    if (report && relative.getNameCount() >= 1) {
                        changed.accept(root.resolve(relative.getName(0)), dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // gone meanwhile: its deletion is an event of its own
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            // gone before it could be registered: its deletion is an event of its own
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + start, e);
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
