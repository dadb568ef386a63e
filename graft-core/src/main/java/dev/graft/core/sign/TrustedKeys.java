package dev.graft.core.sign;

import dev.graft.core.ArtifactSignatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a host trusts, and whether it requires every artifact to be signed
 * ({@code Graft.builder().trust(...)}, {@code .requireSignatures(true)}): checks Graft's private
 * copy of each file it loads against the signature file beside the original.
 *
 * <p>Without trusted keys nothing is checked. With them, a signature file that is there must be
 * by a trusted key and match the copy's bytes; with signatures required, a file without one is
 * refused too.
 *
 * <p>Why this is sound (no time-of-check to time-of-use window): the bytes checked are those of
 * Graft's private copy, the same file the loader then reads or maps, never the original, which a
 * build may rewrite at any moment. The signature file is read once into memory; an attacker who
 * rewrites it can only make the check fail. Immutable, so any thread may use it.
 */
public final class TrustedKeys {

    /** No keys: nothing is checked. */
    public static final TrustedKeys NONE = new TrustedKeys(java.util.List.of(), false);

    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private final boolean required;

    /**
     * @throws IllegalArgumentException if a key is not an Ed25519 key, or signatures are required
     *                                  but no key is trusted
     */
    public TrustedKeys(Collection<PublicKey> keys, boolean required) {
        for (PublicKey key : keys) {
            if (!Ed25519Keys.isEd25519(key)) {
                throw new IllegalArgumentException("expected an Ed25519 public key to trust, found " + describe(key));
            }
            this.keys.put(Ed25519Keys.id(key), key);
        }
        if (required && this.keys.isEmpty()) {
            throw new IllegalArgumentException("expected at least one trusted key to require signatures by, found none; call trust(...)");
        }
        this.required = required;
    }

    /** {@code a RSA key}, {@code an Ed448 key}. */
    static String describe(java.security.Key key) {
        String name = key instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName() : key.getAlgorithm();
        return (name.matches("(?i)[aeiou].*|RSA.*") ? "an " : "a ") + name + " key";
    }

    /** Whether anything is checked at all. */
    public boolean checks() {
        return !keys.isEmpty();
    }

    /**
     * Checks {@code copy}, Graft's private copy of {@code original}, against {@code ORIGINAL.sig}.
     *
     * @param pluginId the plugin, for the message, or {@code null} before its manifest is read
     * @param artifact the artifact as the host named it, for the message
     * @throws ArtifactSignatureException naming plugin, artifact, and what was expected and found
     */
    public void verify(String pluginId, Path artifact, Path original, Path copy) {
        if (keys.isEmpty()) {
            return;
        }
        Path sigFile = SignatureFile.of(original);
        String what = original.equals(artifact) ? "" : original.getFileName() + ": ";
        byte[] sigBytes;
        try {
            sigBytes = Files.readAllBytes(sigFile);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ArtifactSignatureException(pluginId, artifact, what + "expected a signature file " + sigFile.getFileName()
                        + " by a trusted key (" + String.join(", ", keys.keySet()) + "), found none: signatures are required");
            }
            return;
        } catch (IOException e) {
            throw new ArtifactSignatureException(pluginId, artifact, what + "expected a readable signature file "
                    + sigFile.getFileName() + ", found: " + e, e);
        }
        SignatureFile sig;
        try {
            sig = SignatureFile.parse(sigBytes);
        } catch (IllegalArgumentException e) {
            throw new ArtifactSignatureException(pluginId, artifact, what + sigFile.getFileName() + ": " + e.getMessage(), e);
        }
        PublicKey key = keys.get(sig.keyId());
        if (key == null) {
            throw new ArtifactSignatureException(pluginId, artifact, what + "expected a signature by a trusted key ("
                    + String.join(", ", keys.keySet()) + "), found one by key " + sig.keyId());
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            ArtifactSigner.update(verifier, copy);
            valid = verifier.verify(sig.signature());
        } catch (java.security.SignatureException e) {
            valid = false; // a signature of the wrong length or shape: it matches nothing
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 refused a trusted key: " + e, e);
        } catch (IOException e) {
            throw new ArtifactSignatureException(pluginId, artifact, what + "expected Graft's copy to be readable, found: " + e, e);
        }
        if (!valid) {
            throw new ArtifactSignatureException(pluginId, artifact, what + "expected the bytes key " + sig.keyId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed");
        }
    }
}
