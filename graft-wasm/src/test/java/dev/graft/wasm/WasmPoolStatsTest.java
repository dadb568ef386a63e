package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.InstanceStats;
import dev.graft.core.PluginStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft.stats()} shows a wasm plugin's pool (docs/operations.md, "Stats"): in a cooperative
 * pool of 4 lanes, two platform threads bind a lane each and stay idle, two callers hold the shared
 * lanes, and three more callers wait their whole deadline. The stats say 4 of 4 instances open, 2
 * in a call, 2 bound, 4 made, 3 waits, all 3 timed out; and, once the holders are gone, none in a call.
 */
class WasmPoolStatsTest {

    private static final int LANES = OccupiedPool.LANES;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void statsCountInstancesCallsBindingsAndWaits() throws Exception {
        try (OccupiedPool occupied = new OccupiedPool(dir, Duration.ofMillis(200))) {
            Graft graft = occupied.graft;
            assertEquals(new InstanceStats(LANES, 1, 0, 0, 1, 0, 0), instances(graft), "the instance made while loading");
            occupied.occupy();
            assertEquals(new InstanceStats(LANES, 4, 2, 2, 4, 0, 0), instances(graft), "two lanes bound and idle, two held");

            List<Object> outcomes = occupied.callAll(3);
            outcomes.forEach(o -> assertInstanceOf(WasmWaitTimeoutException.class, o));
            assertEquals(new InstanceStats(LANES, 4, 2, 2, 4, 3, 3), instances(graft), "three waits, all timed out");

            occupied.release();
            PluginStats stats = graft.stats().getFirst();
            assertEquals(new InstanceStats(LANES, 4, 0, 2, 4, 3, 3), stats.instances(),
                    "no call now; the bindings of threads that ended stay until the pool is short of lanes");
            assertTrue(stats.toString().endsWith("; instances 4 of 4 open, 0 in a call, 2 bound; 4 made, 3 waits (3 timed out)"),
                    stats.toString());
        }
    }

    private static InstanceStats instances(Graft graft) {
        return graft.stats().getFirst().instances();
    }
}
