package dev.graft.core.testing;

import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/** Keys and files for the signed-plugin tests of every kind: a trusted key, a foreign one, and one byte changed. */
public final class Signing {

    /** The key the hosts under test trust. */
    public static final KeyPair TRUSTED = Ed25519Keys.generate();
    /** A key they do not. */
    public static final KeyPair FOREIGN = Ed25519Keys.generate();

    private Signing() {
    }

    /** Writes {@code FILE.sig} with this key; returns the file. */
    public static Path sign(Path file, KeyPair key) {
        try {
            new ArtifactSigner(key.getPrivate()).sign(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes one byte of a file, at a position given as a fraction of its length (0 the first byte, 1 the last). */
    public static void flipByte(Path file, double where) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int at = Math.min(bytes.length - 1, (int) (bytes.length * where));
            bytes[at] ^= 0x01;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the trusted key, as messages name it. */
    public static String trustedId() {
        return Ed25519Keys.id(TRUSTED.getPublic());
    }

    /** The id of the foreign key. */
    public static String foreignId() {
        return Ed25519Keys.id(FOREIGN.getPublic());
    }
}
