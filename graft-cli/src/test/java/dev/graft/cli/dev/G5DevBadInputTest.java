package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code graft dev} ends in a typed exception, or a reported outcome, saying what was expected and found (G5). */
class G5DevBadInputTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsRefused() {
        Path missing = dir.resolve("missing");
        try (Graft graft = DevSessions.graft()) {
            DevInputException e = assertThrows(DevInputException.class, () -> DevSession.builder(missing, graft).start());
            assertEquals("expected a folder of plugin source folders, found nothing at " + missing, e.getMessage());
        }
    }

    @Test
    void aFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plugins.txt"), "a file");
        try (Graft graft = DevSessions.graft()) {
            DevInputException e = assertThrows(DevInputException.class, () -> DevSession.builder(file, graft).start());
            assertEquals("expected a folder of plugin source folders, found a file at " + file, e.getMessage());
        }
    }

    @Test
    void aNegativeQuietPeriodIsRefused() {
        try (Graft graft = DevSessions.graft()) {
            DevInputException e = assertThrows(DevInputException.class,
                    () -> DevSession.builder(dir, graft).quietPeriod(Duration.ofMillis(-1)).start());
            assertEquals("expected a quiet period of zero or more, found PT-0.001S", e.getMessage());
        }
    }

    @Test
    void twoBuildersOfOneKindAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceBuilders(List.of(new WatSourceBuilder(), new CountingBuilder("wat"))));
        assertEquals("expected one builder per kind, found two of kind 'wat'", e.getMessage());
    }

    @Test
    void anUnknownKindInGraftDevPropertiesIsReported() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cobol"));
        Files.writeString(folder.resolve(SourceBuilders.OVERRIDE_FILE), "kind = cobol\n");
        UnknownKindException e = assertThrows(UnknownKindException.class, () -> SourceBuilders.standard().detect(folder));
        assertEquals(folder.resolve(SourceBuilders.OVERRIDE_FILE) + ": expected kind = one of rust-wasm, rust, wat, c-wasm, c, java, js, python, found kind = cobol",
                e.getMessage());
    }

    @Test
    void twoWatFilesInOneFolderFailTheBuild() throws Exception {
        Path folder = TickSources.wat(dir.resolve("two"), "two", 1);
        Files.writeString(folder.resolve("other.wat"), "(module)");
        BuildFailure e = assertThrows(BuildFailure.class,
                () -> new WatSourceBuilder().build(folder, new BuildContext(dir.resolve("out"), List.of(), List.of())));
        assertEquals(folder + ": expected exactly one .wat file at the folder's root, found 2: other.wat, tick.wat", e.getMessage());
    }

    @Test
    void aJavaFolderWithoutItsManifestFailsTheBuild() throws Exception {
        Path folder = TickSources.java(dir.resolve("nomanifest"), "nomanifest", 1);
        Files.delete(folder.resolve(JavaSourceBuilder.MANIFEST));
        BuildFailure e = assertThrows(BuildFailure.class,
                () -> new JavaSourceBuilder().build(folder, new BuildContext(dir.resolve("out"), List.of(), List.of())));
        assertEquals(folder + ": expected the plugin's manifest graft-plugin.properties at the folder's root, found none",
                e.getMessage());
    }
}
