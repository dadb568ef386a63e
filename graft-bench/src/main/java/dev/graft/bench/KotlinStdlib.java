package dev.graft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of the Kotlin standard library, as a Kotlin plugin's jar carries them when its build
 * shades the library in (about 1100 entries, 4.5 MB inflated): read from the jar this class path
 * has them in (kotlin-stdlib's own, or the benchmarks' shaded jar), classes under {@code kotlin/}
 * and the library's {@code .kotlin_module} and {@code .kotlin_builtins} files.
 */
final class KotlinStdlib {

    private KotlinStdlib() {
    }

    static Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile jar = new ZipFile(Path.of(kotlin.Unit.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                boolean stdlib = name.startsWith("kotlin/") || name.endsWith(".kotlin_module") && name.contains("kotlin-stdlib");
                if (stdlib && !entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        entries.put(name, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kotlin standard library's jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the Kotlin standard library's location is not a file", e);
        }
        return entries;
    }
}
