package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 with native plugins: after 200 reloads only the live version's copy of the library is mapped
 * (read from /proc/self/maps) and only its copy is on disk; closing the runtime unmaps and deletes
 * that one too.
 */
class G3NativeNothingLeaksTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredReloadsLeaveOnlyTheCurrentCopyMappedAndOnDisk() throws Exception {
        checkReloads(Fixtures.copy("greeter_v1", dir, tag("c") + "-v1.so"), Fixtures.copy("greeter_v2", dir, tag("c") + "-v2.so"), 200);
    }

    @Test
    void rustLibrariesAreUnmappedToo() throws Exception {
        String tag = tag("rust");
        Path v1 = Fixtures.rustGreeter("v1", dir, tag + "-v1.so");
        checkReloads(v1, Fixtures.rustGreeter("v2", dir, tag + "-v2.so"), 40);
    }

    /** A name unique to this run, so that what is counted is this test's own. */
    private static String tag(String kind) {
        return "g3" + kind + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    private static void checkReloads(Path v1, Path v2, int reloads) throws Exception {
        String v1Name = v1.getFileName().toString();
        String v2Name = v2.getFileName().toString();
        CountDownLatch allRetired = new CountDownLatch(reloads);
        try (Graft graft = Fixtures.greeterHost().subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                allRetired.countDown();
            }
        }).build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);
            for (int i = 1; i <= reloads; i++) {
                graft.reload("greeter", i % 2 == 1 ? v2 : v1);
                assertEquals(i % 2 == 1 ? 3 : 2, greeter.next(1));
            }
            assertTrue(allRetired.await(60, TimeUnit.SECONDS), "retired " + (reloads - allRetired.getCount()) + " of " + reloads);

            List<String> mapped = mappedCopies(v1Name, v2Name);
            assertEquals(1, mapped.size(), "only the live copy is mapped: " + mapped);
            assertTrue(mapped.getFirst().endsWith("-" + v1Name), "the live version is v1: " + mapped);
            assertEquals(1, Fixtures.copiesOf(v1Name) + Fixtures.copiesOf(v2Name), "only the live version's copy is on disk");
            assertEquals(1, graft.liveHandles(), "only the live version's handle on the host's counter is live");
        }
        assertEquals(List.of(), mappedCopies(v1Name, v2Name), "closing the runtime unmaps the last copy");
        assertEquals(0, Fixtures.copiesOf(v1Name) + Fixtures.copiesOf(v2Name), "closing the runtime deletes its copies");
    }

    /** Graft's copies mapped now (the originals in the test folder are never loaded). */
    private static List<String> mappedCopies(String... names) {
        return java.util.Arrays.stream(names).flatMap(n -> Fixtures.mapped("-" + n).stream())
                .filter(p -> p.contains("graft-artifacts-")).toList();
    }
}
