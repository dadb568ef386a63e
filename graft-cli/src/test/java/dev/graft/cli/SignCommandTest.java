package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.demo.DemoArtifacts;
import dev.graft.core.ArtifactSignatureException;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.sign.Ed25519Keys;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.host.HostCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft keygen} and {@code graft sign}, as docs/operations.md ("Signed plugins") runs them:
 * the keys load into a host that then loads what was signed; a sidecar's library is signed with
 * it; openssl reads the keys and checks the signatures too (when it runs here).
 */
class SignCommandTest {

    @TempDir
    Path dir;

    private Path keygen() {
        Console console = new Console();
        assertEquals(0, console.execute("keygen", "--out", dir.resolve("release").toString()), console.err());
        assertTrue(console.out().startsWith("wrote " + dir.resolve("release.key") + " (private: keep it secret) and "
                + dir.resolve("release.pub") + " (public), key "), console.out());
        return dir.resolve("release.key");
    }

    private static GraftBuilder greeterHost(Path publicKey) {
        return new HostCounters().offer(Graft.builder().contract(Greeter.class), "greeter").trust(publicKey).requireSignatures(true);
    }

    @Test
    void aSignedArtifactLoadsInAHostTrustingTheKey() throws IOException {
        Path key = keygen();
        try (DemoArtifacts artifacts = DemoArtifacts.extract()) {
            Path plugin = Files.copy(artifacts.extract("greeter-wasm-v1.wasm"), dir.resolve("greeter.wasm"));
            try (Graft graft = greeterHost(dir.resolve("release.pub")).build()) {
                assertThrows(ArtifactSignatureException.class, () -> graft.load(plugin), "not signed yet");

                Console console = new Console();
                assertEquals(0, console.execute("sign", plugin.toString(), "--key", key.toString()), console.err());
                assertEquals("signed " + plugin + " -> greeter.wasm.sig (key " + Ed25519Keys.id(Ed25519Keys.readPublic(dir.resolve("release.pub")))
                        + ")\n", console.out());
                graft.load(plugin);
                assertEquals("Hello, you!", graft.contract(Greeter.class).greet("you"));
            }
        }
    }

    @Test
    void aSidecarIsSignedWithTheLibraryItNames() throws IOException {
        Path key = keygen();
        Files.writeString(dir.resolve("libplain.so"), "a library");
        Path sidecar = Files.writeString(dir.resolve("plain.graft-native"), """
                id = plain
                version = 1.0.0
                provides = test.adder@1.0
                library = ./libplain.so
                function.add = add(i32, i32) -> i32
                """);
        Console console = new Console();
        assertEquals(0, console.execute("sign", sidecar.toString(), "--key", key.toString()), console.err());
        assertEquals(List.of("signed " + sidecar + " -> plain.graft-native.sig", "signed " + dir.resolve("libplain.so")
                + " -> libplain.so.sig"), console.out().lines().map(l -> l.substring(0, l.indexOf(" (key "))).toList());
    }

    @Test
    void keygenKeepsKeysThatExist() {
        keygen();
        Console console = new Console();
        assertEquals(GraftCommand.USAGE, console.execute("keygen", "--out", dir.resolve("release").toString()));
        assertEquals("graft keygen: expected no file at " + dir.resolve("release.key") + ", found one; give --force to replace it\n",
                console.err());
    }

    @Test
    void signRefusesWhatIsNotThere() {
        Path key = keygen();
        Console console = new Console();
        assertEquals(GraftCommand.USAGE, console.execute("sign", dir.resolve("gone.jar").toString(), "--key", key.toString()));
        assertEquals("graft sign: expected a plugin artifact file, found no file at " + dir.resolve("gone.jar") + "\n", console.err());

        console = new Console();
        assertEquals(GraftCommand.USAGE, console.execute("sign", key.toString(), "--key", dir.resolve("release.pub").toString()));
        assertEquals("graft sign: " + dir.resolve("release.pub") + ": expected a PEM '-----BEGIN PRIVATE KEY-----' block, found "
                + "-----BEGIN PUBLIC KEY-----\n", console.err());
    }

    /** The files are the standard ones: openssl reads the keys, and checks a signature with the public key. */
    @Test
    void opensslReadsTheKeysAndChecksTheSignature() throws Exception {
        Assumptions.assumeTrue(runs("openssl", "version"), "openssl does not run here: skipped");
        Path key = keygen();
        Path file = Files.writeString(dir.resolve("plugin.bin"), "any bytes at all");
        Console console = new Console();
        assertEquals(0, console.execute("sign", file.toString(), "--key", key.toString()), console.err());
        String signature = Files.readAllLines(dir.resolve("plugin.bin.sig")).stream().filter(l -> l.startsWith("signature = "))
                .findFirst().orElseThrow().substring("signature = ".length());
        Files.write(dir.resolve("raw.sig"), Base64.getDecoder().decode(signature));
        assertTrue(runs("openssl", "pkey", "-in", key.toString(), "-noout"), "openssl reads the private key");
        assertTrue(runs("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", dir.resolve("release.pub").toString(), "-rawin",
                "-in", file.toString(), "-sigfile", dir.resolve("raw.sig").toString()), "openssl verifies the signature");
        Files.writeString(file, "any bytes at all!");
        assertTrue(!runs("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", dir.resolve("release.pub").toString(), "-rawin",
                "-in", file.toString(), "-sigfile", dir.resolve("raw.sig").toString()), "openssl refuses a changed file");
    }

    private static boolean runs(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finished: " + output);
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
