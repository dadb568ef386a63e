package dev.graft.core.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as the JDK makes them, in the files {@code openssl} reads too: a public key is a
 * PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), a private key a PEM {@code PRIVATE KEY}
 * (PKCS#8). The PEM armour is written here because the JDK's own PEM API is still a preview in
 * JDK 25; the DER inside is the JDK's {@code getEncoded()}.
 */
public final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private Ed25519Keys() {
    }

    /** A fresh key pair from the JDK's Ed25519 generator. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("expected a JDK with Ed25519 (JDK 15 or newer), found none", e);
        }
    }

    /** Whether a key is an Ed25519 key (the JDK names Ed25519 and Ed448 keys alike {@code EdDSA}). */
    static boolean isEd25519(java.security.Key key) {
        java.security.spec.NamedParameterSpec params = key instanceof java.security.interfaces.EdECKey ed ? ed.getParams() : null;
        return params != null && params.getName().equalsIgnoreCase(ALGORITHM);
    }

    /** Writes the private key (PKCS#8 PEM, readable by its owner only where the file system allows) and the public key (PEM). */
    public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
        Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
        Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()));
    }

    /** Reads a PEM {@code PUBLIC KEY} file holding an Ed25519 key. */
    public static PublicKey readPublic(Path file) {
        return read(file, PUBLIC, (factory, der) -> factory.generatePublic(new X509EncodedKeySpec(der)));
    }

    /** Reads a PEM {@code PRIVATE KEY} file (PKCS#8) holding an Ed25519 key. */
    public static PrivateKey readPrivate(Path file) {
        return read(file, PRIVATE, (factory, der) -> factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /** How one kind of key is made from its DER encoding. */
    @FunctionalInterface
    private interface Decoder<K> {
        K decode(KeyFactory factory, byte[] der) throws InvalidKeySpecException;
    }

    private static <K> K read(Path file, String type, Decoder<K> decoder) {
        try {
            return decoder.decode(KeyFactory.getInstance(ALGORITHM), der(file, type));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException(file + ": expected an Ed25519 " + type.toLowerCase(java.util.Locale.ROOT)
                    + ", found another key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A short name of a public key for messages and signature files: the first 16 hex digits of the
     * SHA-256 of its DER encoding ({@code openssl pkey -pubin -in KEY.pub -outform DER | sha256sum}).
     */
    public static String id(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("expected a readable PEM key file, found " + file + " cannot be read: " + e, e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + ": expected a PEM '" + begin + "' block, found "
                    + (text.contains("-----BEGIN ") ? text.substring(text.indexOf("-----BEGIN "), Math.min(text.length(),
                    text.indexOf("-----BEGIN ") + 40)).strip().split("\n")[0] : "no PEM block"));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": expected base64 inside the PEM block, found: " + e.getMessage(), e);
        }
    }
}
