package dev.graft.core.sign;

import static dev.graft.core.testing.Signing.FOREIGN;
import static dev.graft.core.testing.Signing.TRUSTED;
import static dev.graft.core.testing.Signing.flipByte;
import static dev.graft.core.testing.Signing.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.graft.core.testing.EventLog;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G2 and G5 for signed plugins: with trusted keys, an unsigned (when signatures are required),
 * tampered or foreign-key artifact is refused with an {@link ArtifactSignatureException} naming
 * plugin, artifact, what was expected and what was found, before its loader reads anything of
 * it; a refused reload leaves the old version serving; the watcher reports it as a Failed event.
 * The same cases for each plugin kind are in graft-jvm, graft-native and graft-wasm.
 */
class G2SignedPluginsTest {

    @TempDir
    Path dir;

    private final TestLoader loader = new TestLoader();
    private final AtomicInteger manifestsRead = new AtomicInteger();
    private final EventLog events = new EventLog();

    /** The test loader, counting what it reads: a refused artifact must never reach it. */
    private final PluginLoader counting = new PluginLoader() {
        @Override
        public String kind() {
            return loader.kind();
        }

        @Override
        public boolean accepts(Artifact artifact) {
            return loader.accepts(artifact);
        }

        @Override
        public PluginManifest readManifest(Artifact artifact) {
            manifestsRead.incrementAndGet();
            return loader.readManifest(artifact);
        }

        @Override
        public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
            return loader.prepare(artifact, manifest, link);
        }
    };

    private GraftBuilder builder() {
        return Graft.builder().loader(counting).discoverLoaders(false).subscribe(events).trust(TRUSTED.getPublic());
    }

    private static TestPlugin a(String version) {
        return TestPlugin.of("a", version).provides("test.echo@1.0").answer("v" + version.charAt(0));
    }

    @Test
    void aSignedArtifactLoads() {
        TestPlugins plugins = new TestPlugins(dir);
        sign(plugins.write(a("1.0.0")), TRUSTED);
        try (Graft graft = builder().requireSignatures(true).build()) {
            graft.load(dir.resolve("a.testplugin"));
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void anUnsignedArtifactIsRefusedWhenSignaturesAreRequired() {
        Path artifact = new TestPlugins(dir).write(a("1.0.0"));
        try (Graft graft = builder().requireSignatures(true).build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertEquals("(a.testplugin): expected a signature file a.testplugin.sig by a trusted key ("
                    + Ed25519Keys.id(TRUSTED.getPublic()) + "), found none: signatures are required", e.getMessage());
            assertEquals(artifact, e.artifact());
            assertEquals(0, manifestsRead.get(), "refused before the loader read anything");
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, f -> true);
            assertEquals("load", failed.operation());
            assertEquals(List.of(), graft.plugins());
        }
    }

    @Test
    void anUnsignedArtifactLoadsWhenSignaturesAreNotRequired() {
        new TestPlugins(dir).write(a("1.0.0"));
        try (Graft graft = builder().build()) {
            graft.load(dir.resolve("a.testplugin"));
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @ParameterizedTest(name = "byte at {0} of the length")
    @ValueSource(doubles = {0.0, 0.5, 1.0})
    void aTamperedArtifactIsRefused(double where) {
        Path artifact = new TestPlugins(dir).write(a("1.0.0"));
        sign(artifact, TRUSTED);
        flipByte(artifact, where);
        try (Graft graft = builder().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertEquals("(a.testplugin): expected the bytes key " + Ed25519Keys.id(TRUSTED.getPublic())
                    + " signed, found bytes its signature does not match: the file changed after it was signed", e.getMessage());
            assertEquals(0, manifestsRead.get());
        }
    }

    @Test
    void anArtifactSignedByAForeignKeyIsRefused() {
        Path artifact = new TestPlugins(dir).write(a("1.0.0"));
        sign(artifact, FOREIGN);
        try (Graft graft = builder().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertEquals("(a.testplugin): expected a signature by a trusted key (" + Ed25519Keys.id(TRUSTED.getPublic())
                    + "), found one by key " + Ed25519Keys.id(FOREIGN.getPublic()), e.getMessage());
            assertEquals(0, manifestsRead.get());
        }
    }

    @Test
    void aMalformedSignatureFileIsRefused() throws IOException {
        Path artifact = new TestPlugins(dir).write(a("1.0.0"));
        Files.writeString(SignatureFile.of(artifact), "key = 0011223344556677\nsignature = not base64!\n");
        try (Graft graft = builder().build()) {
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.load(artifact));
            assertTrue(e.getMessage().startsWith("(a.testplugin): a.testplugin.sig: expected a base64 signature, found: "), e.getMessage());
        }
    }

    @Test
    void aRefusedReloadLeavesTheOldVersionServing() {
        TestPlugins plugins = new TestPlugins(dir);
        sign(plugins.write(a("1.0.0")), TRUSTED);
        try (Graft graft = builder().requireSignatures(true).build()) {
            graft.load(dir.resolve("a.testplugin"));
            Echo echo = graft.contract(Echo.class);

            Path v2 = plugins.write("a-v2.testplugin", a("2.0.0"));
            sign(v2, FOREIGN);
            ArtifactSignatureException e = assertThrows(ArtifactSignatureException.class, () -> graft.reload("a", v2));
            assertEquals("plugin 'a' (a-v2.testplugin): expected a signature by a trusted key ("
                    + Ed25519Keys.id(TRUSTED.getPublic()) + "), found one by key " + Ed25519Keys.id(FOREIGN.getPublic()), e.getMessage());
            assertEquals("a", e.pluginId());
            assertEquals("v1", echo.answer());
            assertEquals("1.0.0", graft.plugin("a").orElseThrow().version().toString());
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "a");
            assertEquals("reload", failed.operation());

            sign(v2, TRUSTED);
            graft.reload("a", v2);
            assertEquals("v2", echo.answer());
        }
    }

    @Test
    void theWatcherReportsARefusedReloadAndLoadsTheArtifactOnceSigned() {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = plugins.write(a("1.0.0"));
        sign(artifact, TRUSTED);
        try (Graft graft = builder().requireSignatures(true).pluginDirectory(dir).watch(true)
                .watchQuietPeriod(Duration.ofMillis(100)).build()) {
            events.await(GraftEvent.Loaded.class, "a");
            Echo echo = graft.contract(Echo.class);

            plugins.write(a("2.0.0")); // the old signature no longer matches
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, "a");
            assertEquals("reload", failed.operation());
            assertEquals(artifact, failed.artifact());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());
            assertEquals("v1", echo.answer());

            sign(artifact, TRUSTED); // signing alone is a change: the artifact is tried again
            events.await(GraftEvent.Reloaded.class, "a");
            assertEquals("v2", echo.answer());
        }
    }

    @Test
    void theWatcherLoadsANewArtifactOnceItsSignatureComes() {
        try (Graft graft = builder().requireSignatures(true).pluginDirectory(dir).watch(true)
                .watchQuietPeriod(Duration.ofMillis(100)).build()) {
            Path artifact = new TestPlugins(dir).write(a("1.0.0"));
            GraftEvent.Failed failed = events.await(GraftEvent.Failed.class, f -> artifact.equals(f.artifact()));
            assertEquals("load", failed.operation());
            assertEquals(ArtifactSignatureException.class, failed.error().getClass());

            sign(artifact, TRUSTED);
            events.await(GraftEvent.Loaded.class, "a");
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    /** The check reads Graft's copy: what the original becomes after the check is not what loads. */
    @Test
    void theCopyCheckedIsTheCopyLoaded() {
        TestPlugins plugins = new TestPlugins(dir);
        Path artifact = plugins.write(a("1.0.0"));
        sign(artifact, TRUSTED);
        PluginLoader rewriting = new PluginLoader() {
            @Override
            public String kind() {
                return loader.kind();
            }

            @Override
            public boolean accepts(Artifact a) {
                if (!a.source().equals(a.copy())) {
                    plugins.write(a("2.0.0")); // the original changes right after the check
                }
                return loader.accepts(a);
            }

            @Override
            public PluginManifest readManifest(Artifact a) {
                return loader.readManifest(a);
            }

            @Override
            public PreparedPlugin prepare(Artifact a, PluginManifest manifest, LinkContext link) {
                return loader.prepare(a, manifest, link);
            }
        };
        try (Graft graft = Graft.builder().loader(rewriting).discoverLoaders(false).trust(TRUSTED.getPublic())
                .requireSignatures(true).build()) {
            graft.load(artifact);
            assertEquals("v1", graft.contract(Echo.class).answer());
        }
    }

    @Test
    void requiringSignaturesWithoutATrustedKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graft.builder().loader(loader).discoverLoaders(false).requireSignatures(true).build());
        assertEquals("expected at least one trusted key to require signatures by, found none; call trust(...)", e.getMessage());
    }
}
