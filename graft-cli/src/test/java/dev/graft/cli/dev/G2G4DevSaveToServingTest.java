package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of {@code graft dev}, for each kind it builds: a save serves the new code (G1: once
 * the outcome is reported the next call runs it), a save that does not compile leaves the running
 * version serving and prints the compiler's message (G2), the next good save loads, and the
 * plugin's state is carried across every reload (G4).
 */
class G2G4DevSaveToServingTest {

    @TempDir
    Path dir;

    @Test
    void aJavaSaveServesTheNewCodeKeepsTheStateAndACompileErrorKeepsTheRunningVersion() throws Exception {
        Path folder = TickSources.java(dir.resolve("ticker"), "ticker", 1);
        Path source = TickSources.javaSource(folder);
        loop(folder, source, TickSources.javaTicker(100), TickSources.JAVA_BROKEN, TickSources.javaTicker(1000),
                source + ":8: error: ';' expected", "java");
    }

    @Test
    void aWatSaveServesTheNewCodeKeepsTheStateAndACompileErrorKeepsTheRunningVersion() throws Exception {
        Path folder = TickSources.wat(dir.resolve("wticker"), "wticker", 1);
        Path source = TickSources.watSource(folder);
        loop(folder, source, TickSources.watTicker("wticker", 100), TickSources.watBroken("wticker"),
                TickSources.watTicker("wticker", 1000), source + ":11:", "wat");
    }

    /**
     * A JavaScript plugin (kind js): no compiler, so a save that does not parse is the reload's
     * refusal, and the running version, with its state, keeps serving.
     */
    @Test
    void aJavaScriptSaveServesTheNewCodeKeepsTheStateAndASyntaxErrorKeepsTheRunningVersion() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("jticker"));
        Path source = Files.writeString(folder.resolve("ticker.js"), jsTicker(1));
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).start()) {
            assertEquals("js", outcomes.await(folder, DevOutcome.Status.LOADED).kind());
            Tick tick = graft.contract(Tick.class);
            assertEquals(1, tick.tick());

            DevSessions.save(source, jsTicker(100));
            assertTrue(outcomes.await(folder, DevOutcome.Status.RELOADED).message().startsWith("state "));
            assertEquals(101, tick.tick(), "the new code, counting on from the old version's state");

            DevSessions.save(source, jsTicker(100).replace("function tick() {", "function tick( {"));
            DevOutcome refused = outcomes.await(folder, DevOutcome.Status.RELOAD_FAILED);
            assertTrue(refused.message().contains("ticker"), refused.message());
            assertEquals(201, tick.tick(), "the running version still serves");

            DevSessions.save(source, jsTicker(1000));
            outcomes.await(folder, DevOutcome.Status.RELOADED);
            assertEquals(1201, tick.tick(), "the fixed code, with the state kept across the refused reload");
        }
    }

    private static String jsTicker(long step) {
        return """
                /* graft.manifest
                id       = jticker
                version  = 1.0.0
                provides = test.tick@1.0
                state    = count: i64
                */
                function tick() {
                  graft_state.count += %d;
                  return graft_state.count;
                }
                """.formatted(step);
    }

    private void loop(Path folder, Path source, String step100, String broken, String step1000, String compilerSays, String kind)
            throws Exception {
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft(); DevSession session = DevSessions.session(dir, graft, outcomes).start()) {
            DevOutcome loaded = outcomes.await(folder, DevOutcome.Status.LOADED);
            assertEquals(kind, loaded.kind());
            Tick tick = graft.contract(Tick.class);
            assertEquals(1, tick.tick());
            assertEquals(2, tick.tick());

            DevSessions.save(source, step100);
            DevOutcome reloaded = outcomes.await(folder, DevOutcome.Status.RELOADED);
            assertEquals(102, tick.tick(), "the new code, counting on from the old version's state");
            assertEquals(folder.relativize(source), reloaded.changed().getFirst(), reloaded.toString());
            assertTrue(reloaded.message().startsWith("state "), reloaded.message());
            assertTrue(outcomes.printed().contains(loaded.pluginId() + " (" + kind + ") " + folder.relativize(source) + ": built in "),
                    outcomes.printed());

            DevSessions.save(source, broken);
            DevOutcome failed = outcomes.await(folder, DevOutcome.Status.BUILD_FAILED);
            assertTrue(failed.message().contains(compilerSays), failed.message());
            assertTrue(outcomes.printed().contains(failed.message()), "printed unchanged: " + outcomes.printed());
            assertEquals(202, tick.tick(), "the running version still serves");

            DevSessions.save(source, step1000);
            outcomes.await(folder, DevOutcome.Status.RELOADED);
            assertEquals(1202, tick.tick(), "the fixed code, with the state kept across the failed build");
        }
    }
}
