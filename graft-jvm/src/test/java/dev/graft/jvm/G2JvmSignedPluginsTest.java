package dev.graft.jvm;

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
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import dev.graft.jvm.fixture.ThrowingConstructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G2 and G5 for signed JVM plugins: a jar that is unsigned while signatures are required, changed
 * by one byte, or signed by a foreign key is refused before any of its classes is defined (its
 * provider's constructor throws: had it run, the failure would be a start failure); a refused
 * reload leaves the old version serving; the watcher reports it as a Failed event.
 */
class G2JvmSignedPluginsTest {

    @TempDir
    Path dir;

    private final EventLog events = new EventLog();

    private GraftBuilder host() {
        return Graft.builder().subscribe(events).trust(TRUSTED.getPublic()).requireSignatures(true);
    }

    private Path v1(String name) {
        return TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, name);
    }

    /** A jar whose code throws as soon as it runs. */
    private Path throwing(String name) {
        return TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", ThrowingConstructor.class)
                .classes(GreetingV1.class).write(dir, name);
    }

    @Test
    void aSignedJarLoads() {
        Path v1 = sign(v1("v1.jar"), TRUSTED);
        try (Graft graft = host().build()) {
            graft.load(v1);
            assertEquals("v1 hello x", graft.contract(Greeting.class).greet("x"));
        }
    }

    @Test
    void anUnsignedJarIsRefused() {
        Path jar = throwing("v1.jar");
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(jar));
            assertEquals("(v1.jar): expected a signature file v1.jar.sig by a trusted key (" + trustedId()
                    + "), found none: signatures are required", e.getMessage());
            assertEquals(List.of(), graft.plugins());
        }
    }

    @ParameterizedTest(name = "byte at {0} of the length")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void aTamperedJarIsRefused(double where) {
        Path jar = sign(throwing("v1.jar"), TRUSTED);
        flipByte(jar, where);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(jar));
            assertEquals("(v1.jar): expected the bytes key " + trustedId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
        }
    }

    @Test
    void aJarSignedByAForeignKeyIsRefused() {
        Path jar = sign(throwing("v1.jar"), FOREIGN);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(jar));
            assertEquals("(v1.jar): expected a signature by a trusted key (" + trustedId() + "), found one by key " + foreignId(),
                    e.getMessage());
        }
    }

    @Test
    void aRefusedReloadLeavesTheOldVersionServing() {
        try (Graft graft = host().build()) {
            graft.load(sign(v1("v1.jar"), TRUSTED));
            Greeting greeting = graft.contract(Greeting.class);
            Path v2 = sign(TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "v2.jar"),
                    FOREIGN);

            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.reload("greeting", v2));
            assertEquals("plugin 'greeting' (v2.jar): expected a signature by a trusted key (" + trustedId()
                    + "), found one by key " + foreignId(), e.getMessage());
            assertEquals("v1 hello x", greeting.greet("x"));
            assertEquals("reload", events.await(GraftEvent.Failed.class, "greeting").operation());

            graft.reload("greeting", sign(v2, TRUSTED));
            assertEquals("v2 hi x", greeting.greet("x"));
        }
    }

    @Test
    void theWatcherReportsARefusedReloadAsFailed() {
        Path jar = sign(v1("greeting.jar"), TRUSTED);
        try (Graft graft = host().pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(100)).build()) {
            events.await(GraftEvent.Loaded.class, "greeting");
            Greeting greeting = graft.contract(Greeting.class);

            TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "greeting.jar");
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "greeting");
            assertEquals("reload", failed.operation());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());
            assertEquals("v1 hello x", greeting.greet("x"));

            sign(jar, TRUSTED);
            events.await(GraftEvent.Reloaded.class, "greeting");
            assertEquals("v2 hi x", greeting.greet("x"));
        }
    }
}
