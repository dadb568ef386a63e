package dev.graft.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save is a burst of file events: {@code graft dev} builds once per burst, and a burst that
 * comes while the folder's build runs gives exactly one more build, never one per event. Real
 * threads: the test's writes race the watcher and the build threads (and it is repeated).
 */
class DevDebounceTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void twentySavesWithin100MillisecondsGiveOneOrTwoBuildsNotTwenty() throws Exception {
        CountingBuilder counting = new CountingBuilder("counted-wat");
        Path folder = countedFolder("burst");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft();
             DevSession session = DevSessions.session(dir, graft, outcomes).builders(new SourceBuilders(List.of(counting))).start()) {
            outcomes.await(folder, DevOutcome.Status.LOADED);
            Tick tick = graft.contract(Tick.class);
            int before = counting.builds();

            for (int step = 1; step <= 20; step++) { // 5 ms apart: 100 ms in all
                DevSessions.save(TickSources.watSource(folder), TickSources.watTicker("burst", step * 1000));
                Thread.sleep(5);
            }
            // Events of one folder arrive in order: once a build covered this marker, every save above was seen.
            Files.writeString(folder.resolve("marker.txt"), "last");
            outcomes.await("a build covering the marker", o -> o.ok() && o.changed().contains(Path.of("marker.txt")));

            int builds = counting.builds() - before;
            assertTrue(builds >= 1 && builds <= 2, "expected one or two builds for the burst, found " + builds);
            long first = tick.tick();
            assertEquals(20_000, tick.tick() - first, "the last save's code serves");
        }
    }

    @RepeatedTest(3)
    void savesDuringABuildGiveExactlyOneMoreBuild() throws Exception {
        CountingBuilder counting = new CountingBuilder("counted-wat");
        Path folder = countedFolder("held");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft();
             DevSession session = DevSessions.session(dir, graft, outcomes).builders(new SourceBuilders(List.of(counting))).start()) {
            outcomes.await(folder, DevOutcome.Status.LOADED);
            Tick tick = graft.contract(Tick.class);
            int before = counting.builds();

            counting.holdNextBuild();
            DevSessions.save(TickSources.watSource(folder), TickSources.watTicker("held", 10));
            counting.awaitHeld();
            for (int step = 11; step <= 15; step++) {
                DevSessions.save(TickSources.watSource(folder), TickSources.watTicker("held", step));
            }
            Path marker = Files.writeString(folder.resolve("marker.txt"), "last");
            Outcomes.awaitTrue("the saves during the build seen by the session", () -> session.pending(folder).contains(marker));
            counting.release();

            outcomes.await(folder, DevOutcome.Status.RELOADED);
            DevOutcome last = outcomes.await(folder, DevOutcome.Status.RELOADED);
            assertTrue(last.changed().contains(Path.of("marker.txt")), last.toString());
            Outcomes.awaitTrue("the session idle", session::idle);
            assertEquals(2, counting.builds() - before, "the held build, and exactly one more for the saves during it");
            long first = tick.tick();
            assertEquals(15, tick.tick() - first, "the last save's code serves");
        }
    }

    /** A WAT ticker folder that names the counting builder's kind. */
    private Path countedFolder(String id) throws Exception {
        Path folder = TickSources.wat(dir.resolve(id), id, 1);
        Files.writeString(folder.resolve(SourceBuilders.OVERRIDE_FILE), "kind = counted-wat\n");
        return folder;
    }
}
