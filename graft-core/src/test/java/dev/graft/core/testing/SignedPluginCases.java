package dev.graft.core.testing;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signed-plugin cases every plugin kind must pass (G2, G5): with a trusted key and signatures
 * required, a signed artifact loads; an unsigned one, one changed by one byte (first, middle,
 * last), and one signed by a foreign key are refused with an {@link ArtifactSignatureException}
 * naming the artifact and what was expected and found, before any of its code runs; a refused
 * reload names the plugin and leaves the old version serving; the folder watcher reports it as a
 * Failed event and loads the artifact once it is signed. A kind's test extends this and says how
 * to write its artifacts and call them.
 */
public abstract class SignedPluginCases {

    @TempDir
    protected Path dir;

    protected final EventLog events = new EventLog();

    /** A runtime builder that loads this kind's plugin (its contract registered, host modules granted). */
    protected abstract GraftBuilder builder();

    /** The plugin's id in every artifact {@link #write} makes. */
    protected abstract String pluginId();

    /** Writes version 1 or 2 of the plugin into {@link #dir} as {@code name}, unsigned. */
    protected abstract Path write(int version, String name);

    /** Writes version 1 of the plugin, changed so that its code fails as soon as any of it runs (had it run, the failure would not be a signature's). */
    protected abstract Path writeFailingWhenRun(String name);

    /** A call to the live version, through a proxy taken once: its answer. */
    protected abstract Supplier<String> caller(Graft graft);

    /** What version 1 or 2 answers {@link #caller}. */
    protected abstract String answer(int version);

    /** The file name of an artifact of this kind, from a stem ({@code v1}): the kind's extension, and anything that makes it unique. */
    protected abstract String name(String stem);

    /** What a kind can see of a refused artifact not having been loaded at all; nothing more by default. */
    protected void assertNeverLoaded(Path artifact) {
    }

    private GraftBuilder host() {
        return builder().subscribe(events).trust(TRUSTED.getPublic()).requireSignatures(true);
    }

    @Test
    void aSignedArtifactLoads() {
        Path v1 = sign(write(1, name("v1")), TRUSTED);
        try (Graft graft = host().build()) {
            graft.load(v1);
            assertEquals(answer(1), caller(graft).get());
        }
    }

    /** A folder of signed artifacts loads: the signature files beside them are not taken for artifacts. */
    @Test
    void aFolderOfSignedArtifactsLoads() {
        sign(write(1, name("v1")), TRUSTED);
        try (Graft graft = host().pluginDirectory(dir).build()) {
            assertEquals(answer(1), caller(graft).get());
            assertEquals(List.of(), events.all(GraftEvent.Failed.class));
        }
    }

    @Test
    void anUnsignedArtifactIsRefused() {
        Path artifact = writeFailingWhenRun(name("v1"));
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            String file = artifact.getFileName().toString();
            assertEquals("(" + file + "): expected a signature file " + file + ".sig by a trusted key (" + trustedId()
                    + "), found none: signatures are required", e.getMessage());
            assertEquals(artifact, e.artifact());
            assertEquals(List.of(), graft.plugins());
            assertEquals("load", events.await(GraftEvent.Failed.class, f -> artifact.equals(f.artifact())).operation());
            assertNeverLoaded(artifact);
        }
    }

    @ParameterizedTest(name = "byte at {0} of the length")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void aTamperedArtifactIsRefused(double where) {
        Path artifact = sign(writeFailingWhenRun(name("v1")), TRUSTED);
        flipByte(artifact, where);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertEquals("(" + artifact.getFileName() + "): expected the bytes key " + trustedId()
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
            assertNeverLoaded(artifact);
        }
    }

    @Test
    void anArtifactSignedByAForeignKeyIsRefused() {
        Path artifact = sign(writeFailingWhenRun(name("v1")), FOREIGN);
        try (Graft graft = host().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertEquals("(" + artifact.getFileName() + "): expected a signature by a trusted key (" + trustedId()
                    + "), found one by key " + foreignId(), e.getMessage());
            assertNeverLoaded(artifact);
        }
    }

    @Test
    void aRefusedReloadLeavesTheOldVersionServing() {
        try (Graft graft = host().build()) {
            graft.load(sign(write(1, name("v1")), TRUSTED));
            Supplier<String> caller = caller(graft);
            Path v2 = sign(write(2, name("v2")), FOREIGN);

            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.reload(pluginId(), v2));
            assertEquals("plugin '" + pluginId() + "' (" + v2.getFileName() + "): expected a signature by a trusted key ("
                    + trustedId() + "), found one by key " + foreignId(), e.getMessage());
            assertEquals(pluginId(), e.pluginId());
            assertEquals(answer(1), caller.get());
            assertEquals("1.0.0", graft.plugin(pluginId()).orElseThrow().version().toString());
            assertEquals("reload", events.await(GraftEvent.Failed.class, pluginId()).operation());
            assertNeverLoaded(v2);

            graft.reload(pluginId(), sign(v2, TRUSTED));
            assertEquals(answer(2), caller.get());
        }
    }

    @Test
    void theWatcherReportsARefusedReloadAndLoadsTheArtifactOnceSigned() {
        Path artifact = sign(write(1, name("plugin")), TRUSTED);
        try (Graft graft = host().pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(100)).build()) {
            events.await(GraftEvent.Loaded.class, pluginId());
            Supplier<String> caller = caller(graft);

            write(2, artifact.getFileName().toString()); // rebuilt: the old signature no longer matches
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, pluginId());
            assertEquals("reload", failed.operation());
            assertEquals(artifact, failed.artifact());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());
            assertEquals(answer(1), caller.get());

            sign(artifact, TRUSTED); // signing alone is a change: the artifact is tried again
            events.await(GraftEvent.Reloaded.class, pluginId());
            assertEquals(answer(2), caller.get());
            assertEquals(List.of(failed), events.all(GraftEvent.Failed.class), "no signature file was taken for an artifact");
        }
    }
}
