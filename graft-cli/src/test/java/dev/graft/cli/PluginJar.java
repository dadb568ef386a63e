package dev.graft.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes a JVM plugin jar in a test: its manifest and some compiled classes. */
final class PluginJar {

    private PluginJar() {
    }

    /**
     * Writes {@code jar} with {@code manifest} as META-INF/graft-plugin.properties and the class
     * files {@code entries} (paths such as {@code com/example/A.class}) taken from {@code classes}.
     */
    static Path write(Path jar, String manifest, Path classes, String... entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/graft-plugin.properties"));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
            }
        }
        return jar;
    }
}
