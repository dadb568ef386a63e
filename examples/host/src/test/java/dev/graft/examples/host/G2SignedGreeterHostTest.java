package dev.graft.examples.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs docs/operations.md's signed host on the example jars: signed, version 2 goes live; changed, version 1 keeps serving. */
class G2SignedGreeterHostTest {

    private static final Path PLUGINS = Path.of(System.getProperty("graft.example.plugins", "target/plugins"));

    @TempDir
    Path dir;

    private Path releaseKey(KeyPair pair) throws IOException {
        Ed25519Keys.write(pair, dir.resolve("release.key"), dir.resolve("release.pub"));
        return dir.resolve("release.pub");
    }

    private Path signedCopy(String jar, KeyPair pair) throws IOException {
        Path copy = Files.copy(PLUGINS.resolve(jar), dir.resolve(jar));
        new ArtifactSigner(pair.getPrivate()).sign(copy);
        return copy;
    }

    @Test
    void signedVersionsGoLive() throws IOException {
        KeyPair release = Ed25519Keys.generate();
        List<String> lines = run(releaseKey(release), signedCopy("greeter-v1.jar", release), signedCopy("greeter-v2.jar", release));
        assertEquals(List.of("Hi there, world!"), lines);
    }

    @Test
    void aChangedVersionIsRefusedAndTheOldOneKeepsServing() throws IOException {
        KeyPair release = Ed25519Keys.generate();
        Path v2 = signedCopy("greeter-v2.jar", release);
        byte[] bytes = Files.readAllBytes(v2);
        bytes[bytes.length / 2] ^= 1;
        Files.write(v2, bytes);
        List<String> lines = run(releaseKey(release), signedCopy("greeter-v1.jar", release), v2);
        assertEquals(List.of("refused: plugin 'greeter' (greeter-v2.jar): expected the bytes key " + Ed25519Keys.id(release.getPublic())
                + " signed, found bytes its signature does not match: the file changed after it was signed", "Hello, world!"), lines);
    }

    private static List<String> run(Path key, Path v1, Path v2) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SignedGreeterHost.run(key, v1, v2, new PrintStream(bytes, true, UTF_8));
        return bytes.toString(UTF_8).lines().toList();
    }
}
