package dev.graft.natives;

import static dev.graft.core.testing.Signing.FOREIGN;
import static dev.graft.core.testing.Signing.TRUSTED;
import static dev.graft.core.testing.Signing.flipByte;
import static dev.graft.core.testing.Signing.foreignId;
import static dev.graft.core.testing.Signing.sign;
import static dev.graft.core.testing.Signing.trustedId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.ArtifactSignatureException;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.EventLog;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Adder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G2 and G5 for signed native plugins: a library (and a sidecar's library too) that is unsigned
 * while signatures are required, changed by one byte, or signed by a foreign key is refused before
 * it is mapped, so none of its code (not even its constructors) runs; a refused reload leaves the
 * old version serving; the watcher reports it as a Failed event.
 */
class G2NativeSignedPluginsTest {

    @TempDir
    Path dir;

    private final EventLog events = new EventLog();

    private GraftBuilder host() {
        return Fixtures.greeterHost().subscribe(events).trust(TRUSTED.getPublic()).requireSignatures(true);
    }

    /** A fixture library under a name no other test maps, so that /proc/self/maps tells whether it was mapped. */
    private Path library(String fixture) {
        return Fixtures.copy(fixture, dir, "signed-" + System.nanoTime() + ".so");
    }

    @Test
    void aSignedLibraryLoads() {
        Path v1 = sign(library("greeter_v1"), TRUSTED);
        try (Graft graft = host().build()) {
            graft.load(v1);
            assertEquals("Hello, x!", graft.contract(Greeter.class).greet("x"));
        }
    }

    @Test
    void anUnsignedLibraryIsRefusedUnmapped() {
        Path v1 = library("greeter_v1");
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(v1));
            assertEquals("(" + v1.getFileName() + "): expected a signature file " + v1.getFileName() + ".sig by a trusted key ("
                    + trustedId() + "), found none: signatures are required", e.getMessage());
            assertEquals(List.of(), Fixtures.mapped(v1.getFileName().toString()), "never mapped: none of its code ran");
        }
    }

    @ParameterizedTest(name = "byte at {0} of the length")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void aTamperedLibraryIsRefusedUnmapped(double where) {
        Path v1 = sign(library("greeter_v1"), TRUSTED);
        flipByte(v1, where);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(v1));
            assertEquals("(" + v1.getFileName() + "): expected the bytes key " + trustedId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
            assertEquals(List.of(), Fixtures.mapped(v1.getFileName().toString()));
        }
    }

    @Test
    void aLibrarySignedByAForeignKeyIsRefusedUnmapped() {
        Path v1 = sign(library("greeter_v1"), FOREIGN);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(v1));
            assertEquals("(" + v1.getFileName() + "): expected a signature by a trusted key (" + trustedId()
                    + "), found one by key " + foreignId(), e.getMessage());
            assertEquals(List.of(), Fixtures.mapped(v1.getFileName().toString()));
        }
    }

    @Test
    void aRefusedReloadLeavesTheOldVersionServing() {
        Path v1 = sign(library("greeter_v1"), TRUSTED);
        try (Graft graft = host().build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            Path v2 = sign(library("greeter_v2"), FOREIGN);

            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.reload("greeter", v2));
            assertEquals("plugin 'greeter' (" + v2.getFileName() + "): expected a signature by a trusted key (" + trustedId()
                    + "), found one by key " + foreignId(), e.getMessage());
            assertEquals("Hello, x!", greeter.greet("x"));
            assertEquals("1.0.0", graft.plugin("greeter").orElseThrow().version().toString());
            assertEquals("reload", events.await(GraftEvent.Failed.class, "greeter").operation());
            assertEquals(List.of(), Fixtures.mapped(v2.getFileName().toString()));

            graft.reload("greeter", sign(v2, TRUSTED));
            assertEquals("Hi there, x!", greeter.greet("x"));
        }
    }

    @Test
    void theWatcherReportsARefusedReloadAsFailed() throws IOException {
        Path artifact = sign(Fixtures.copy("greeter_v1", dir, "greeter.so"), TRUSTED);
        try (Graft graft = host().pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(100)).build()) {
            events.await(GraftEvent.Loaded.class, "greeter");
            Greeter greeter = graft.contract(Greeter.class);

            Files.write(artifact, Files.readAllBytes(Fixtures.folder().resolve("greeter_v2.so"))); // rebuilt, not signed again
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "greeter");
            assertEquals("reload", failed.operation());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());
            assertEquals("Hello, x!", greeter.greet("x"));

            sign(artifact, TRUSTED);
            events.await(GraftEvent.Reloaded.class, "greeter");
            assertEquals("Hi there, x!", greeter.greet("x"));
        }
    }

    /** A sidecar and the library it names by path: both are copied and mapped or read, so both are checked, each on its copy. */
    @Test
    void aSidecarsLibraryIsCheckedOnItsCopyToo() throws IOException {
        String name = "plain-" + System.nanoTime() + ".so";
        Path library = Fixtures.copy("no_descriptor", dir, name);
        Path sidecar = Files.writeString(dir.resolve("adder" + Sidecar.EXTENSION), """
                id = adder
                version = 1.0.0
                provides = test.native.adder@1.0
                library = ./%s
                function.add = add(i32, i32) -> i32
                """.formatted(name));
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
