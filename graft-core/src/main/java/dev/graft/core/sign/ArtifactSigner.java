package dev.graft.core.sign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;

/**
 * Signs files with an Ed25519 private key: writes {@code FILE.sig} beside each (see
 * {@link SignatureFile}). What {@code graft sign} and the build of the demo's plugins run.
 */
public final class ArtifactSigner {

    private final PrivateKey key;
    private final String keyId;

    /** A signer with this private key; the id its signatures name is its public key's. */
    public ArtifactSigner(PrivateKey key) {
        this.key = key;
        this.keyId = Ed25519Keys.id(publicKeyOf(key));
    }

    /** The {@linkplain Ed25519Keys#id id} of the key, as signature files name it. */
    public String keyId() {
        return keyId;
    }

    /** Signs every byte of {@code file} into {@code FILE.sig}, replacing one that is there. */
    public Path sign(Path file) throws IOException {
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signer.initSign(key);
            update(signer, file);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("expected an Ed25519 private key, found one the JDK cannot sign with: " + e, e);
        }
        Path sig = SignatureFile.of(file);
        Files.writeString(sig, new SignatureFile(keyId, signature).text(file.getFileName().toString()));
        return sig;
    }

    /** Feeds a file to a signature in chunks (a plugin may be larger than one wants in one array). */
    static void update(Signature signature, Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                signature.update(buffer, 0, n);
            }
        }
    }

    /**
     * The public key of an Ed25519 private key. An Ed25519 key pair is a function of the private
     * key's 32-byte seed, so the JDK's generator, given the seed as its randomness, makes the same
     * pair; a test signature then proves it did.
     */
    static PublicKey publicKeyOf(PrivateKey key) {
        if (!Ed25519Keys.isEd25519(key) || !(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("expected an Ed25519 private key, found " + TrustedKeys.describe(key));
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = {'g', 'r', 'a', 'f', 't'};
            Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("expected the JDK's Ed25519 generator to rebuild the public key from the seed, found another key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of an Ed25519 private key: " + e, e);
        }
    }
}
