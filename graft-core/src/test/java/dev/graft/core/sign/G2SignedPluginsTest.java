package dev.graft.core.sign;

import static dev.graft.core.testing.Signing.TRUSTED;
import static dev.graft.core.testing.Signing.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ArtifactSignatureException;
import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.PluginManifest;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.SignedPluginCases;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * G2 and G5 for signed plugins, in the core with the test plugin kind: the cases every kind passes
 * ({@link SignedPluginCases}; a refused artifact never reaches its loader), and what the core alone
 * decides: signatures checked only when keys are trusted and required only when asked, a malformed
 * signature file, a new artifact loaded by the watcher once its signature comes, and the copy
 * checked being the copy loaded. graft-jvm, graft-native and graft-wasm run the cases on their kinds.
 */
class G2SignedPluginsTest extends SignedPluginCases {

    private final TestLoader loader = new TestLoader();
    private final Set<Path> read = ConcurrentHashMap.newKeySet(); // the artifacts the loader looked inside
    private volatile Runnable afterCheck = () -> { }; // runs once the core checked a copy, before the loader reads it

    /** The test loader, recording what it reads: a refused artifact must never reach it. */
    private final PluginLoader recording = new PluginLoader() {
        @Override
        public String kind() {
            return loader.kind();
        }

        @Override
        public boolean accepts(Artifact artifact) {
            if (!artifact.source().equals(artifact.copy())) { // the core's copy, checked by now; not the watcher sniffing a file
                afterCheck.run();
            }
            return loader.accepts(artifact);
        }

        @Override
        public PluginManifest readManifest(Artifact artifact) {
            read.add(artifact.source());
            return loader.readManifest(artifact);
        }

        @Override
        public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
            read.add(artifact.source());
            return loader.prepare(artifact, manifest, link);
        }
    };

    private static TestPlugin a(int version) {
        return TestPlugin.of("a", version + ".0.0").provides("test.echo@1.0").answer("v" + version);
    }

    @Override
    protected GraftBuilder builder() {
        return Graft.builder().loader(recording).discoverLoaders(false);
    }

    @Override
    protected String pluginId() {
        return "a";
    }

    @Override
    protected String name(String stem) {
        return stem + TestLoader.EXTENSION;
    }

    @Override
    protected Path write(int version, String name) {
        return new TestPlugins(dir).write(name, a(version));
    }

    @Override
    protected Path writeFailingWhenRun(String name) {
        return new TestPlugins(dir).write(name, a(1).fail("prepare"));
    }

    @Override
    protected Supplier<String> caller(Graft graft) {
        return graft.contract(Echo.class)::answer;
    }

    @Override
    protected String answer(int version) {
        return "v" + version;
    }

    @Override
    protected void assertNeverLoaded(Path artifact) {
        assertFalse(read.contains(artifact), "the loader never looked inside " + artifact);
    }

    @Test
    void anUnsignedArtifactLoadsWhenSignaturesAreNotRequired() {
        Path artifact = write(1, "a.testplugin");
        try (Graft graft = builder().trust(TRUSTED.getPublic()).build()) {
            graft.load(artifact);
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void withoutTrustedKeysNoSignatureIsLookedAt() throws IOException {
        Path artifact = write(1, "a.testplugin");
        Files.writeString(SignatureFile.of(artifact), "not a signature file\n");
        try (Graft graft = builder().build()) {
            graft.load(artifact);
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void aMalformedSignatureFileIsRefused() throws IOException {
        Path artifact = write(1, "a.testplugin");
        Files.writeString(SignatureFile.of(artifact), "key = 0011223344556677\nsignature = not base64!\n");
        try (Graft graft = builder().trust(TRUSTED.getPublic()).build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertTrue(e.getMessage().startsWith("(a.testplugin): a.testplugin.sig: expected a base64 signature, found: "), e.getMessage());
        }
    }

    @Test
    void theWatcherLoadsANewArtifactOnceItsSignatureComes() {
        try (Graft graft = builder().subscribe(events).trust(TRUSTED.getPublic()).requireSignatures(true)
                .pluginDirectory(dir).watch(true).watchQuietPeriod(Duration.ofMillis(100)).build()) {
            Path artifact = write(1, "a.testplugin");
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, f -> artifact.equals(f.artifact()));
            assertEquals("load", failed.operation());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());

            sign(artifact, TRUSTED);
            events.await(GraftEvent.Loaded.class, "a");
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    /** The check reads Graft's copy: what the original becomes right after the check is not what loads. */
    @Test
    void theCopyCheckedIsTheCopyLoaded() {
        Path artifact = sign(write(1, "a.testplugin"), TRUSTED);
        afterCheck = () -> write(2, "a.testplugin"); // the original changes right after the check
        try (Graft graft = builder().trust(TRUSTED.getPublic()).requireSignatures(true).build()) {
            graft.load(artifact);
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void requiringSignaturesWithoutATrustedKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().requireSignatures(true).build());
        assertEquals("expected at least one trusted key to require signatures by, found none; call trust(...)", e.getMessage());
    }
}
