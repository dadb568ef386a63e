package dev.graft.wasm;

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
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G2 and G5 for signed wasm plugins: a module that is unsigned while signatures are required,
 * changed by one byte, or signed by a foreign key is refused before it is instantiated (its start
 * function traps: had it run, the failure would be a start failure); a refused reload leaves the
 * old version serving; the watcher reports it as a Failed event.
 */
class G2WasmSignedPluginsTest {

    @TempDir
    Path dir;

    private final EventLog events = new EventLog();

    private GraftBuilder host() {
        return Graft.builder().contract(Greeting.class).subscribe(events).trust(TRUSTED.getPublic()).requireSignatures(true);
    }

    private Path greeting(String name, String version, String answer) {
        return Wat.write(dir, name, Wat.manifest("greeting", version, "test.greeting@1.0"), Guests.greeting(answer, 1));
    }

    /** A module whose code traps as soon as it runs. */
    private Path trapping(String name) {
        return Wat.write(dir, name, Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"),
                Wat.with(Guests.greeting("v1 ", 1), "(start $boom) (func $boom unreachable)"));
    }

    @Test
    void aSignedModuleLoads() {
        Path v1 = sign(greeting("v1.wasm", "1.0.0", "v1 "), TRUSTED);
        try (Graft graft = host().build()) {
            graft.load(v1);
            assertEquals("v1 x", graft.contract(Greeting.class).greet("x"));
        }
    }

    @Test
    void anUnsignedModuleIsRefused() {
        Path module = trapping("v1.wasm");
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(module));
            assertEquals("(v1.wasm): expected a signature file v1.wasm.sig by a trusted key (" + trustedId()
                    + "), found none: signatures are required", e.getMessage());
            assertEquals(List.of(), graft.plugins());
        }
    }

    @ParameterizedTest(name = "byte at {0} of the length")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void aTamperedModuleIsRefused(double where) {
        Path module = sign(trapping("v1.wasm"), TRUSTED);
        flipByte(module, where);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(module));
            assertEquals("(v1.wasm): expected the bytes key " + trustedId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
        }
    }

    @Test
    void aModuleSignedByAForeignKeyIsRefused() {
        Path module = sign(trapping("v1.wasm"), FOREIGN);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(module));
            assertEquals("(v1.wasm): expected a signature by a trusted key (" + trustedId() + "), found one by key " + foreignId(),
                    e.getMessage());
        }
    }

    @Test
    void aRefusedReloadLeavesTheOldVersionServing() {
        try (Graft graft = host().build()) {
            graft.load(sign(greeting("v1.wasm", "1.0.0", "v1 "), TRUSTED));
            Greeting greeting = graft.contract(Greeting.class);
            Path v2 = sign(greeting("v2.wasm", "2.0.0", "v2 "), FOREIGN);

            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.reload("greeting", v2));
            assertEquals("plugin 'greeting' (v2.wasm): expected a signature by a trusted key (" + trustedId()
                    + "), found one by key " + foreignId(), e.getMessage());
            assertEquals("v1 x", greeting.greet("x"));
            assertEquals("reload", events.await(GraftEvent.Failed.class, "greeting").operation());

            graft.reload("greeting", sign(v2, TRUSTED));
            assertEquals("v2 x", greeting.greet("x"));
        }
    }

    @Test
    void theWatcherReportsARefusedReloadAsFailed() {
        Path module = sign(greeting("greeting.wasm", "1.0.0", "v1 "), TRUSTED);
        try (Graft graft = host().pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(100)).build()) {
            events.await(GraftEvent.Loaded.class, "greeting");
            Greeting greeting = graft.contract(Greeting.class);

            greeting("greeting.wasm", "2.0.0", "v2 ");
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "greeting");
            assertEquals("reload", failed.operation());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());
            assertEquals("v1 x", greeting.greet("x"));

            sign(module, TRUSTED);
            events.await(GraftEvent.Reloaded.class, "greeting");
            assertEquals("v2 x", greeting.greet("x"));
        }
    }
}
