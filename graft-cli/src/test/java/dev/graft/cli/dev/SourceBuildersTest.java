package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection rules of docs/dev-mode.md for the kinds built here, their order, and the override. */
class SourceBuildersTest {

    @TempDir
    Path dir;

    @Test
    void javaNeedsSourcesAtAnyDepthAndTheManifestAtTheRoot() throws Exception {
        Path folder = TickSources.java(dir.resolve("j"), "j", 1);
        assertTrue(new JavaSourceBuilder().accepts(folder));
        Files.move(folder.resolve(JavaSourceBuilder.MANIFEST), folder.resolve("src/" + JavaSourceBuilder.MANIFEST));
        assertFalse(new JavaSourceBuilder().accepts(folder), "the manifest must be at the root");
    }

    @Test
    void watNeedsAWatFileAtTheRoot() throws Exception {
        Path folder = TickSources.wat(dir.resolve("w"), "w", 1);
        assertTrue(new WatSourceBuilder().accepts(folder));
        Files.move(TickSources.watSource(folder), Files.createDirectories(folder.resolve("sub")).resolve("tick.wat"));
        assertFalse(new WatSourceBuilder().accepts(folder));
    }

    @Test
    void watComesBeforeJavaWhateverTheOrderGiven() throws Exception {
        Path folder = TickSources.java(dir.resolve("both"), "both", 1);
        TickSources.wat(folder, "both", 1);
        SourceBuilders builders = new SourceBuilders(List.of(new JavaSourceBuilder(), new WatSourceBuilder()));
        assertEquals(List.of("wat", "java"), builders.all().stream().map(SourceBuilder::kind).toList());
        assertEquals("wat", builders.detect(folder).kind());
    }

    @Test
    void graftDevPropertiesOverridesDetection() throws Exception {
        Path folder = TickSources.wat(dir.resolve("o"), "o", 1);
        Files.writeString(folder.resolve(SourceBuilders.OVERRIDE_FILE), "# a comment\nkind = counted\n");
        SourceBuilders builders = new SourceBuilders(List.of(new WatSourceBuilder(), new CountingBuilder("counted")));
        assertEquals("counted", builders.detect(folder).kind());
    }

    @Test
    void editorTemporaryFilesHiddenFilesAndBuildOutputAreNoSourceChange() {
        for (String ignored : List.of("Tick.java~", ".#Tick.java", "src/.Tick.java.swp", "4913", "target/debug/x.so", ".git/index",
                "a.tmp")) {
            assertTrue(SourceFiles.ignored(Path.of(ignored)), ignored);
        }
        for (String source : List.of("tick.wat", "src/t/Ticker.java", "resources/a.txt", "graft-dev.properties", "src/target/A.java")) {
            assertFalse(SourceFiles.ignored(Path.of(source)), source);
        }
    }
}
