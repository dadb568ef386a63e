package dev.graft.core.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files in the standard PEM encodings, read back as they were written; anything else refused with what was found. */
class Ed25519KeysTest {

    @TempDir
    Path dir;

    @Test
    void keysRoundTripThroughPemFiles() throws IOException {
        KeyPair pair = Ed25519Keys.generate();
        Ed25519Keys.write(pair, dir.resolve("k.key"), dir.resolve("k.pub"));
        assertTrue(Files.readString(dir.resolve("k.pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(Files.readString(dir.resolve("k.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(pair.getPublic(), Ed25519Keys.readPublic(dir.resolve("k.pub")));
        assertEquals(pair.getPrivate(), Ed25519Keys.readPrivate(dir.resolve("k.key")));
        assertEquals(Ed25519Keys.id(pair.getPublic()), new ArtifactSigner(Ed25519Keys.readPrivate(dir.resolve("k.key"))).keyId());
    }

    @Test
    void aPrivateKeyFileIsNotAPublicKey() throws IOException {
        Ed25519Keys.write(Ed25519Keys.generate(), dir.resolve("k.key"), dir.resolve("k.pub"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPublic(dir.resolve("k.key")));
        assertEquals(dir.resolve("k.key") + ": expected a PEM '-----BEGIN PUBLIC KEY-----' block, found -----BEGIN PRIVATE KEY-----",
                e.getMessage());
    }

    @Test
    void onlyEd25519KeysAreTrustedOrSignWith() throws Exception {
        KeyPair ed448 = java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        KeyPair rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertEquals("expected an Ed25519 public key to trust, found an Ed448 key",
                assertThrows(IllegalArgumentException.class, () -> new TrustedKeys(java.util.List.of(ed448.getPublic()), false)).getMessage());
        assertEquals("expected an Ed25519 public key to trust, found an RSA key",
                assertThrows(IllegalArgumentException.class, () -> new TrustedKeys(java.util.List.of(rsa.getPublic()), false)).getMessage());
        assertEquals("expected an Ed25519 private key, found an Ed448 key",
                assertThrows(IllegalArgumentException.class, () -> new ArtifactSigner(ed448.getPrivate())).getMessage());
    }
}
