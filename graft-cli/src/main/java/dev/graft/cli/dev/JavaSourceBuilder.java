package dev.graft.cli.dev;

import dev.graft.api.Contract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Builds a JVM plugin from a folder of Java sources: every {@code *.java} file under the folder
 * (any depth), the manifest {@code graft-plugin.properties} at its root (it becomes
 * {@code META-INF/graft-plugin.properties}), and the other files under {@code resources/}. Compiled
 * in this process with {@code javax.tools.JavaCompiler} against graft-api and the host's class
 * path, for the running JDK (its own API, its class file version), with {@code -parameters};
 * without annotation processing; the classes are kept in memory
 * and the jar written in one step, with no Maven and no class files on disk.
 *
 * <p>The compiler stays warm: one {@link StandardJavaFileManager} serves every build, so the
 * class path's jars are opened and indexed once, and the compiler's own classes stay compiled
 * by the JIT from build to build.
 */
public final class JavaSourceBuilder implements SourceBuilder {

    /** The plugin's manifest, at the folder's root. */
    public static final String MANIFEST = "graft-plugin.properties";

    /** The folder whose files, other than sources, go into the jar as they are. */
    public static final String RESOURCES = "resources";

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler(); // null on a runtime without javac
    private final AtomicLong builds = new AtomicLong();

    // Guarded by this: a StandardJavaFileManager is not thread-safe, and builds of several
    // folders run on several threads. One compilation at a time also suits a machine whose
    // cores the compiler fills by itself.
    private StandardJavaFileManager files;
    private List<Path> filesClassPath;

    @Override
    public String kind() {
        return "java";
    }

    /** A {@code graft-plugin.properties} at the folder's root and {@code *.java} files anywhere under it. */
    @Override
    public boolean accepts(Path folder) {
        try {
            return Files.isRegularFile(folder.resolve(MANIFEST)) && !SourceFiles.find(folder, ".java").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> missingToolchain() {
        return compiler != null ? Optional.empty()
                : Optional.of("java: expected a Java compiler in the running Java (" + System.getProperty("java.home")
                        + "), found none (a JRE?): run graft on a JDK " + Runtime.version().feature());
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        if (compiler == null) {
            throw new BuildFailure(missingToolchain().orElseThrow());
        }
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BuildFailure(folder + ": expected the plugin's manifest " + MANIFEST + " at the folder's root, found none");
        }
        List<Path> sources = SourceFiles.find(folder, ".java");
        if (sources.isEmpty()) {
            throw new BuildFailure(folder + ": expected Java sources (*.java) under the folder, found none");
        }
        Map<String, byte[]> entries = new TreeMap<>(compile(sources, classPath(context)));
        entries.put("META-INF/graft-plugin.properties", Files.readAllBytes(manifest));
        Path resources = folder.resolve(RESOURCES);
        if (Files.isDirectory(resources)) {
            for (Path resource : SourceFiles.find(resources, f -> !f.getFileName().toString().endsWith(".java"))) {
                entries.put(resources.relativize(resource).toString().replace('\\', '/'), Files.readAllBytes(resource));
            }
        }
        String name = folder.getFileName().toString();
        Path jar = Files.createDirectories(context.outputDir().resolve(name)).resolve(name + "-" + builds.incrementAndGet() + ".jar");
        Files.write(jar, jar(entries));
        return jar;
    }

    /** The class files of {@code sources}, by jar entry name; the compiler's messages, unchanged, if they do not compile. */
    private synchronized Map<String, byte[]> compile(List<Path> sources, List<Path> classPath) throws BuildFailure, IOException {
        StandardJavaFileManager standard = fileManager(classPath);
        // its content cache tells a file changed by its modification time, in milliseconds: two
        // saves in one millisecond would compile the first one's text again
        standard.flush();
        InMemoryClasses output = new InMemoryClasses(standard);
        StringWriter messages = new StringWriter();
        // No --release: the plugin runs in this JVM, so the running JDK's own API, which javac
        // targets by default, is the one to compile against; --release would read the same API
        // from ct.sym, a fifth or more of a warm build's time
        List<String> options = List.of("-parameters", "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-g");
        boolean compiled = compiler.getTask(messages, output, null, options, null, standard.getJavaFileObjectsFromPaths(sources)).call();
        if (!compiled) {
            throw new BuildFailure(messages.toString().stripTrailing());
        }
        return output.classes;
    }

    /** The warm file manager, set to {@code classPath} (made anew only when the class path changes). */
    private StandardJavaFileManager fileManager(List<Path> classPath) throws IOException {
        if (files == null || !classPath.equals(filesClassPath)) {
            if (files != null) {
                files.close();
            }
            files = compiler.getStandardFileManager(null, null, null);
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of()); // the sources are all named: look for no others
            filesClassPath = classPath;
        }
        return files;
    }

    /**
     * graft-api's location, the host's class path, then where each of the host's contracts was
     * loaded from (a contract --contract found on graft's own class path, outside --classpath).
     */
    private static List<Path> classPath(BuildContext context) {
        List<Path> path = new ArrayList<>();
        path.add(locationOf(Contract.class));
        path.addAll(context.hostClassPath());
        for (Class<?> contract : context.contracts()) {
            Path location = locationOf(contract);
            if (!path.contains(location)) {
                path.add(location);
            }
        }
        return path;
    }

    private static Path locationOf(Class<?> type) {
        try {
            URI location = type.getProtectionDomain().getCodeSource().getLocation().toURI();
            return Path.of(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    private static byte[] jar(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a jar in memory cannot fail to write", e);
        }
        return bytes.toByteArray();
    }

    /** Keeps the class files the compiler writes in memory, by jar entry name; reads through the warm file manager. */
    private static final class InMemoryClasses extends ForwardingJavaFileManager<StandardJavaFileManager> {

        final Map<String, byte[]> classes = new TreeMap<>();

        InMemoryClasses(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(JavaFileManager.Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            String entry = className.replace('.', '/') + kind.extension;
            return new SimpleJavaFileObject(URI.create("mem:///" + entry), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(entry, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
