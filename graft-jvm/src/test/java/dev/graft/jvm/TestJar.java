package dev.graft.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;

/**
 * Writes JVM plugin jars for tests from classes compiled with the tests: only the classes named
 * go into the jar (the plugin's class loader defines its own copy of them); everything else the
 * plugin uses comes from the host, as it would for a real plugin.
 */
final class TestJar {

    private final List<String> manifest = new ArrayList<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private String rawManifest;
    private boolean stored;

    private TestJar(String id, String version) {
        manifest.add("id = " + id);
        manifest.add("version = " + version);
    }

    static TestJar plugin(String id, String version) {
        return new TestJar(id, version);
    }

    /** Provides a contract (name@version) with an implementation class, bundled in the jar. */
    TestJar provides(String contract, Class<?> implementation) {
        String name = contract.substring(0, contract.indexOf('@'));
        manifest.add("provides = " + contract);
        manifest.add("provider." + name + " = " + implementation.getName());
        return classes(implementation);
    }

    /** Provides several contracts: pairs of name@version and class. */
    TestJar provides(String contract1, Class<?> impl1, String contract2, Class<?> impl2) {
        manifest.add("provides = " + contract1 + ", " + contract2);
        manifest.add("provider." + contract1.substring(0, contract1.indexOf('@')) + " = " + impl1.getName());
        manifest.add("provider." + contract2.substring(0, contract2.indexOf('@')) + " = " + impl2.getName());
        return classes(impl1, impl2);
    }

    TestJar main(Class<?> main) {
        manifest.add("main = " + main.getName());
        return classes(main);
    }

    TestJar requires(String contract) {
        manifest.add("requires = " + contract);
        return this;
    }

    TestJar depends(String plugin) {
        manifest.add("depends = " + plugin);
        return this;
    }

    /** Declares the plugin's state record ({@code state = CLASS}), bundled in the jar. */
    TestJar state(Class<? extends Record> record) {
        manifest.add("state = " + record.getName());
        return classes(record);
    }

    /** Another manifest line, as is. */
    TestJar line(String line) {
        manifest.add(line);
        return this;
    }

    /** Replaces the whole manifest text. */
    TestJar manifest(String text) {
        rawManifest = text;
        return this;
    }

    /** Bundles classes (their bytes as compiled with the tests). */
    TestJar classes(Class<?>... classes) {
        for (Class<?> c : classes) {
            String resource = c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                entries.put(resource, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Any entry. */
    TestJar entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    /** Leaves the manifest out. */
    TestJar withoutManifest() {
        rawManifest = "";
        return this;
    }

    /** Stores entries uncompressed, so a test can corrupt their bytes in place. */
    TestJar stored() {
        stored = true;
        return this;
    }

    Path write(Path dir, String fileName) {
        Path jar = dir.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            if (rawManifest == null || !rawManifest.isEmpty()) {
                String text = rawManifest != null ? rawManifest : String.join("\n", manifest) + "\n";
                put(out, "META-INF/graft-plugin.properties", text.getBytes(StandardCharsets.UTF_8), stored);
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue(), stored);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes, boolean stored) throws IOException {
        JarEntry entry = new JarEntry(name);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(JarEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }
}
