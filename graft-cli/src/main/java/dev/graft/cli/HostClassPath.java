package dev.graft.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's classes a command needs besides graft's own: {@code --classpath} jars and folders,
 * read through a class loader whose parent is graft's, so that {@code dev.graft.api} types (the
 * {@code @Contract} annotation) resolve to graft's copy even when the path has a graft-api jar of
 * its own. Closed when the command is done with the classes.
 */
final class HostClassPath implements AutoCloseable {

    private final String classPath;
    private final List<Path> paths;
    private final URLClassLoader loader;

    private HostClassPath(String classPath, List<Path> paths, URLClassLoader loader) {
        this.classPath = classPath;
        this.paths = List.copyOf(paths);
        this.loader = loader;
    }

    /**
     * The class path {@code classPath} (separated as for {@code java -cp}; {@code null} for none).
     *
     * @throws UsageException if an entry is missing (rather than skipped silently, as java -cp would)
     */
    static HostClassPath of(String name, String classPath) throws UsageException {
        List<URL> urls = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        if (classPath != null) {
            for (String entry : classPath.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path path = Path.of(entry);
                if (!Files.exists(path)) {
                    throw new UsageException("expected a jar or folder for every --classpath entry, found nothing at " + entry);
                }
                paths.add(path);
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new UsageException("cannot use --classpath entry " + entry + ": " + e.getMessage());
                }
            }
        }
        return new HostClassPath(urls.isEmpty() ? null : classPath, paths,
                new URLClassLoader(name, urls.toArray(URL[]::new), HostClassPath.class.getClassLoader()));
    }

    /** The path's jars and folders, in order. */
    List<Path> paths() {
        return paths;
    }

    /** The loader of graft's classes and the path's. */
    ClassLoader loader() {
        return loader;
    }

    /**
     * The class {@code className}, found on graft's class path or this one; none of its code runs.
     *
     * @throws UsageException if it is not found, or found but cannot be linked
     */
    Class<?> load(String className) throws UsageException {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new UsageException("expected a class " + className + ", found none on " + where());
        } catch (LinkageError e) { // found, but a class it names is missing, or it is for a newer JDK
            throw new UsageException("cannot load " + className + " from " + where() + ": " + e);
        }
    }

    /** Where classes are looked for, for messages. */
    String where() {
        return "graft's own class path" + (classPath == null ? "" : " and --classpath " + classPath);
    }

    @Override
    public void close() throws UsageException {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UsageException("cannot close the class loader for --classpath " + classPath + ": " + e.getMessage());
        }
    }
}
