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

    private final CountingBuilder counting = new CountingBuilder("counted-wat");

    @RepeatedTest(3)
    void twentySavesWithin100MillisecondsGiveOneOrTwoBuildsNotTwenty() throws Exception {
        withSession("burst", (session, outcomes, folder, tick) -> {
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
            assertStep(20_000, tick);
        });
    }

    @RepeatedTest(3)
    void savesDuringABuildGiveExactlyOneMoreBuild() throws Exception {
        withSession("held", (session, outcomes, folder, tick) -> {
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
            assertStep(15, tick);
        });
    }

    /** What a test does once its folder's plugin is loaded. */
    private interface Steps {
        void run(DevSession session, Outcomes outcomes, Path folder, Tick tick) throws Exception;
    }

    /** Runs {@code steps} in a session on a WAT ticker folder {@code id} that the counting builder builds. */
    private void withSession(String id, Steps steps) throws Exception {
        Path folder = TickSources.wat(dir.resolve(id), id, 1);
        Files.writeString(folder.resolve(SourceBuilders.OVERRIDE_FILE), "kind = counted-wat\n");
        Outcomes outcomes = new Outcomes();
        try (Graft graft = DevSessions.graft();
             DevSession session = DevSessions.session(dir, graft, outcomes).builders(new SourceBuilders(List.of(counting))).start()) {
            outcomes.await(folder, DevOutcome.Status.LOADED);
            steps.run(session, outcomes, folder, graft.contract(Tick.class));
        }
    }

    /** The code serving is the ticker adding {@code step}: the last save's. */
    private static void assertStep(long step, Tick tick) {
        long first = tick.tick();
        assertEquals(step, tick.tick() - first, "the last save's code serves");
    }
}
