package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder of plugin folders: a folder deleted unloads its plugin, a new one loads; a folder
 * of no known kind, or of a kind whose toolchain is missing, is reported once and the others
 * still work.
 */
class DevFoldersTest {

    @TempDir
    Path dir;

    @Test
    void aDeletedFolderUnloadsItsPluginAndANewFolderLoadsOne() throws Exception {
        Path first = TickSources.wat(dir.resolve("first"), "first", 1);
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).start()) {
            outcomes.await(first, DevOutcome.Status.LOADED);
            assertEquals("first", session.pluginId(first).orElseThrow());

            Path second = TickSources.wat(dir.resolve("second"), "second", 7);
            DevOutcome loaded = outcomes.await(second, DevOutcome.Status.LOADED);
            assertEquals("second", loaded.pluginId());
            assertEquals(7, graft.contractOf("second", Tick.class).tick());

            deleteTree(first);
            DevOutcome unloaded = outcomes.await(first, DevOutcome.Status.UNLOADED);
            assertEquals("first", unloaded.pluginId());
            assertTrue(graft.plugin("first").isEmpty(), "unloaded: " + graft.plugins());
            assertTrue(outcomes.printed().contains("first (wat) "), outcomes.printed());
            assertEquals(14, graft.contractOf("second", Tick.class).tick(), "the other plugin still serves");
        }
    }

    @Test
    void aFolderWhosePluginCannotBeUnloadedReloadsItWhenItComesBack() throws Exception {
        Path base = TickSources.wat(dir.resolve("base"), "base", 1);
        Path saved = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-saved"));
        Files.copy(TickSources.watSource(base), saved.resolve("ticker.wat"));
        Path user = Files.createDirectories(dir.resolve("user/src/u"));
        Files.writeString(dir.resolve("user/graft-plugin.properties"), "id = user\nversion = 1.0.0\nrequires = test.tick@1.0\n");
        Files.writeString(user.resolve("Unused.java"), "package u;\nfinal class Unused {}\n");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).start()) {
            outcomes.await(base, DevOutcome.Status.LOADED);
            outcomes.await(dir.resolve("user"), DevOutcome.Status.LOADED);

            deleteTree(base);
            DevOutcome refused = outcomes.await(base, DevOutcome.Status.RELOAD_FAILED);
            assertTrue(refused.message().contains("user"), refused.message());
            assertEquals(1, graft.contractOf("base", Tick.class).tick(), "still loaded, still serving");

            Files.createDirectories(base);
            Files.copy(saved.resolve("ticker.wat"), TickSources.watSource(base));
            DevOutcome back = outcomes.await(base, DevOutcome.Status.RELOADED);
            assertEquals("base", back.pluginId(), back.message());
        } finally {
            deleteTree(saved);
        }
    }

    @Test
    void aFolderOfNoKnownKindIsReportedOnceAndIgnoredUntilItChanges() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "not a plugin");
        Files.writeString(Files.createDirectories(dir.resolve(".git")).resolve("config"), "a hidden folder: no plugin folder, not reported");
        Path ticker = TickSources.wat(dir.resolve("ticker"), "ticker", 1);
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).start()) {
            DevOutcome unknown = outcomes.await(notes, DevOutcome.Status.UNKNOWN_KIND);
            assertEquals(notes + ": expected plugin sources of a known kind (rust-wasm, rust, wat, c-wasm, c, java, js, python: see docs/dev-mode.md; or graft-dev.properties"
                    + " with kind = K), found readme.txt", unknown.message());
            outcomes.await(ticker, DevOutcome.Status.LOADED);

            Files.writeString(notes.resolve("todo.txt"), "still not a plugin"); // changes, and is still of no kind: not reported again
            TickSources.wat(notes, "notes", 3);                                 // then becomes a plugin folder: loads
            outcomes.await(notes, DevOutcome.Status.LOADED);
            assertEquals(1, outcomes.all().stream().filter(o -> o.status() == DevOutcome.Status.UNKNOWN_KIND).count(),
                    outcomes.all().toString());
            assertEquals(3, graft.contractOf("notes", Tick.class).tick());
        }
    }

    @Test
    void aMissingToolchainIsReportedOnceAndTheOtherPluginsStillWork() throws Exception {
        String missing = "absent: expected the absent compiler on PATH, found none: install it";
        SourceBuilders builders = new SourceBuilders(List.of(new WatSourceBuilder(), new CountingBuilder("absent", missing)));
        Path one = Files.createDirectories(dir.resolve("one"));
        Path two = Files.createDirectories(dir.resolve("two"));
        for (Path folder : List.of(one, two)) {
            Files.writeString(folder.resolve(SourceBuilders.OVERRIDE_FILE), "kind = absent\n");
        }
        Path ticker = TickSources.wat(dir.resolve("ticker"), "ticker", 1);
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).builders(builders).start()) {
            assertEquals(missing, outcomes.await(one, DevOutcome.Status.TOOLCHAIN_MISSING).message());
            outcomes.await(two, DevOutcome.Status.TOOLCHAIN_MISSING);
            outcomes.await(ticker, DevOutcome.Status.LOADED);
            assertEquals(1, graft.contract(Tick.class).tick());
            assertEquals(1, outcomes.printed().lines().filter(l -> l.contains(missing)).count(), "printed once:\n" + outcomes.printed());
        }
    }

    @Test
    void anOutputFolderInsideTheFolderIsNoPluginFolderAndItsArtifactsTriggerNoBuild() throws Exception {
        Path ticker = TickSources.wat(dir.resolve("ticker"), "ticker", 1);
        Path output = dir.resolve("out");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft();
             DevSession session = DevSessions.session(dir, graft, outcomes).outputDir(output).start()) {
            outcomes.await(ticker, DevOutcome.Status.LOADED);
            DevSessions.save(TickSources.watSource(ticker), TickSources.watTicker("ticker", 5));
            outcomes.await(ticker, DevOutcome.Status.RELOADED);
            Outcomes.awaitTrue("the session idle", session::idle);
            assertEquals(List.of(ticker, ticker), outcomes.all().stream().map(DevOutcome::folder).toList(), outcomes.printed());
            assertTrue(Files.isDirectory(output.resolve("ticker")), "the artifacts are there");
        }
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
