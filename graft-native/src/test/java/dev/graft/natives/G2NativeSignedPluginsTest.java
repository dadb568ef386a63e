package dev.graft.natives;

import static dev.graft.core.testing.Signing.TRUSTED;
import static dev.graft.core.testing.Signing.flipByte;
import static dev.graft.core.testing.Signing.sign;
import static dev.graft.core.testing.Signing.trustedId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.ArtifactSignatureException;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.testing.SignedPluginCases;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Adder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * G2 and G5 for signed native plugins ({@link SignedPluginCases}): a library that is unsigned,
 * changed by one byte or signed by a foreign key is refused before it is mapped, so none of its
 * code (not even its constructors) runs; and a sidecar's library is checked too, on its own copy.
 */
class G2NativeSignedPluginsTest extends SignedPluginCases {

    @Override
    protected GraftBuilder builder() {
        return Fixtures.greeterHost();
    }

    @Override
    protected String pluginId() {
        return "greeter";
    }

    /** A name no other test maps, so that /proc/self/maps tells whether it was mapped. */
    @Override
    protected String name(String stem) {
        return "signed-" + System.nanoTime() + "-" + stem + ".so";
    }

    @Override
    protected Path write(int version, String name) {
        return Fixtures.copy("greeter_v" + version, dir, name);
    }

    @Override
    protected Path writeFailingWhenRun(String name) {
        return Fixtures.copy("init_fails", dir, name);
    }

    @Override
    protected Supplier<String> caller(Graft graft) {
        Greeter greeter = graft.contract(Greeter.class);
        return () -> greeter.greet("x");
    }

    @Override
    protected String answer(int version) {
        return version == 1 ? "Hello, x!" : "Hi there, x!";
    }

    /** Never mapped: none of its code ran, not even its constructors. */
    @Override
    protected void assertNeverLoaded(Path artifact) {
        assertEquals(List.of(), Fixtures.mapped(artifact.getFileName().toString()));
    }

    /** A sidecar and the library it names by path: both are copied and mapped or read, so both are checked, each on its copy. */
    @Test
    void aSidecarsLibraryIsCheckedOnItsCopyToo() throws IOException {
        String name = "plain-" + System.nanoTime() + ".so";
        Path sidecar = Fixtures.adderSidecar(dir, name);
        Path library = dir.resolve(name);
        assertEquals(List.of(library.toAbsolutePath().normalize()), new NativePluginLoader().companions(sidecar),
                "graft sign signs the library with the sidecar");
        sign(sidecar, TRUSTED);
        sign(library, TRUSTED);
        flipByte(library, 0.5);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Adder.class)
                .trust(TRUSTED.getPublic()).requireSignatures(true).build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(sidecar));
            assertEquals("plugin 'adder' (adder.graft-native): " + name + ": expected the bytes key " + trustedId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
            assertEquals(List.of(), Fixtures.mapped(name), "the library was never mapped");

            Files.delete(dir.resolve(name + ".sig"));
            e = assertThrows(ArtifactSignatureException.class, () -> graft.load(sidecar));
            assertEquals("plugin 'adder' (adder.graft-native): " + name + ": expected a signature file " + name
                    + ".sig by a trusted key (" + trustedId() + "), found none: signatures are required", e.getMessage());

            flipByte(library, 0.5); // back as it was signed
            sign(library, TRUSTED);
            graft.load(sidecar);
            assertEquals(5, graft.contract(Adder.class).add(2, 3));
        }
    }
}
