package dev.graft.core.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The detached signature of one file, {@code FILE.sig} beside it: the Ed25519 signature of every
 * byte of the file, and the {@linkplain Ed25519Keys#id id} of the key that made it (so that a
 * refusal can say whose signature it found). A text file of {@code key = value} lines, like
 * Graft's manifests:
 *
 * <pre>
 * # Graft signature: Ed25519 over every byte of greeter.jar
 * key = 3f1c0a9b2d7e4c55
 * signature = 9wq0...base64...==
 * </pre>
 *
 * <p>{@code openssl} checks it too: decode the {@code signature} line's base64 into a file and run
 * {@code openssl pkeyutl -verify -pubin -inkey KEY.pub -rawin -in FILE -sigfile THAT}.
 */
public record SignatureFile(String keyId, byte[] signature) {

    /** What a signature file's name adds to the name of the file it signs. */
    public static final String SUFFIX = ".sig";

    /** The signature file of a file: {@code FILE.sig} in the same folder. */
    public static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /**
     * Reads a signature file, for tools that report on it ({@code graft inspect}); a load reads
     * Graft's own copy instead.
     *
     * @throws IllegalArgumentException naming what was expected and what was found, if it is not one
     */
    public static SignatureFile read(Path signatureFile) throws IOException {
        return parse(Files.readAllBytes(signatureFile));
    }

    /** The file's text, for the file that signs {@code signedName}. */
    String text(String signedName) {
        return "# Graft signature: Ed25519 over every byte of " + signedName + "\n"
                + "key = " + keyId + "\n"
                + "signature = " + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /**
     * Reads a signature file's bytes.
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    static SignatureFile parse(byte[] bytes) {
        String key = null;
        String signature = null;
        int number = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq).strip();
            String value = eq < 0 ? null : text.substring(eq + 1).strip();
            switch (name) {
                case "key" -> key = value;
                case "signature" -> signature = value;
                default -> throw new IllegalArgumentException("line " + number + ": expected 'key = ...' or 'signature = ...', found '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
            }
        }
        if (key == null || key.isEmpty() || signature == null) {
            throw new IllegalArgumentException("expected lines 'key = ...' and 'signature = ...', found "
                    + (key == null || key.isEmpty() ? "no key" : "no signature"));
        }
        try {
            return new SignatureFile(key, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a base64 signature, found: " + e.getMessage(), e);
        }
    }
}
