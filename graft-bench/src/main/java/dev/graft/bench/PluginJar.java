package dev.graft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Writes a JVM plugin jar from classes on the benchmarks' own class path plus a Graft manifest,
 * so the benchmarks need no plugin built elsewhere (and no dependency on the examples).
 */
final class PluginJar {

    /** Where the JVM loader looks for the manifest (see {@code JvmPluginLoader}). */
    private static final String MANIFEST = "META-INF/graft-plugin.properties";

    private PluginJar() {
    }

    /** Writes {@code file}: the class files of {@code classes}, read from their loader, and {@code manifest}. */
    static Path write(Path file, String manifest, Class<?>... classes) {
        return write(file, manifest, Map.of(), classes);
    }

    /** The same, with {@code bundled} entries besides (a library shaded into the plugin's jar). */
    static Path write(Path file, String manifest, Map<String, byte[]> bundled, Class<?>... classes) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : bundled.entrySet()) {
                put(out, entry.getKey(), entry.getValue());
            }
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                put(out, entry, classBytes(type, entry));
            }
            put(out, MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plugin jar " + file, e);
        }
        return file;
    }

    private static byte[] classBytes(Class<?> type, String entry) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("expected " + entry + " on the class path, found none");
            }
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
