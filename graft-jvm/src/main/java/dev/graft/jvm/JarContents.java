package dev.graft.jvm;

import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.spi.ArtifactBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Every entry of a plugin jar, read into memory and checked against its CRC. Reading it all up
 * front means a corrupt jar fails the load before anything is published (G2), and the plugin's
 * class loader holds no open file: nothing to close, and the copy can be deleted at once (G3).
 */
final class JarContents {

    /** Where a JVM plugin carries its manifest. */
    static final String MANIFEST = "META-INF/graft-plugin.properties";

    private final Map<String, byte[]> entries;

    private JarContents(Map<String, byte[]> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads and checks every entry of the jar at {@code copy}; {@code source} names it in errors. */
    static JarContents read(Path copy, Path source) {
        return open(copy, source, zip -> {
            Map<String, byte[]> entries = new HashMap<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                    throw new InvalidArtifactException(null, source, "entry " + entry.getName() + " is corrupt: expected CRC "
                            + Long.toHexString(entry.getCrc()) + ", found " + Long.toHexString(crc.getValue()));
                }
                entries.put(entry.getName(), bytes);
            }
            return new JarContents(entries);
        });
    }

    /** Reads only the manifest's text. */
    static String manifestText(Path copy, Path source) {
        return open(copy, source, zip -> {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null) {
                throw new ManifestException(null, source, MANIFEST, 0, "expected this entry in the jar, found none ("
                        + zip.size() + " entries, none of them a Graft manifest)");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString();
            } catch (CharacterCodingException e) {
                throw new ManifestException(null, source, MANIFEST, 0, "expected UTF-8 text, found bytes that are not");
            }
        });
    }

    private interface ZipWork<T> {
        T apply(ZipFile zip) throws IOException;
    }

    private static <T> T open(Path copy, Path source, ZipWork<T> work) {
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            return work.apply(zip);
        } catch (ZipException e) {
            throw new InvalidArtifactException(null, source, "expected a jar (zip) file, found "
                    + (startsLikeZip(copy) ? "a truncated or corrupt one (" + e.getMessage() + ")" : notZip(copy)), e);
        } catch (IOException e) {
            throw new InvalidArtifactException(null, source, "expected a readable jar, found: " + e, e);
        }
    }

    private static boolean startsLikeZip(Path file) {
        byte[] head = head(file);
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static String notZip(Path file) {
        return ArtifactBytes.describeStart(file) + " (a jar starts with 50 4b 03 04)";
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The bytes of an entry, or null. */
    byte[] entry(String name) {
        return entries.get(name);
    }

    /** Every entry name. */
    Iterable<String> names() {
        return entries.keySet();
    }
}
