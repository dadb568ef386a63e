package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.api.Contract;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles Java sources in a test, for classes that must not be on the test's own class path. */
final class Javac {

    private Javac() {
    }

    /**
     * Compiles {@code sources} (file name without {@code .java}, to source text) into
     * {@code dir/classes}, against graft-api and {@code classPath}; returns the classes folder.
     */
    static Path compile(Path dir, Map<String, String> sources, Path... classPath) throws IOException {
        return compile(dir, true, sources, classPath);
    }

    /**
     * As {@link #compile(Path, Map, Path...)}, without {@code -parameters}: the class files then
     * have no parameter names, as a contract compiled by a build that does not ask for them.
     */
    static Path compileWithoutParameterNames(Path dir, Map<String, String> sources, Path... classPath) throws IOException {
        return compile(dir, false, sources, classPath);
    }

    private static Path compile(Path dir, boolean parameterNames, Map<String, String> sources, Path... classPath)
            throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String path = Stream.concat(Stream.of(codeSourceOf(Contract.class)), Stream.of(classPath))
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-classpath", path));
        if (parameterNames) {
            args.add("-parameters");
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            args.add(Files.writeString(src.resolve(source.getKey() + ".java"), source.getValue()).toString());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)),
                "javac compiled " + sources.keySet());
        return classes;
    }

    private static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
