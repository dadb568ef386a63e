package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5: a call that waited its whole deadline for a lane says what it found, also when lanes bound to
 * other threads sat idle. In a cooperative pool of 4 lanes two platform threads bind a lane each
 * (the most a pool binds: half) and then stay alive without calling; two other callers hold the
 * shared lanes for longer than the deadline; three more callers (more than the free lanes: none)
 * then wait. Each fails with {@link WasmWaitTimeoutException}, whose message names the 4 lanes, the
 * 2 bound to other threads and idle, the 2 busy with calls, and the setting that sizes the pool;
 * it does not claim every lane was busy. And the other way out of such a wait: a thread with a
 * bound lane that ends while a call waits frees its lane for that call.
 */
class G5WasmWaitTimeoutNamesBoundLanesTest {

    private static final int LANES = OccupiedPool.LANES;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aWaitThatTimesOutBesideIdleBoundLanesSaysSo() throws Exception {
        try (OccupiedPool occupied = new OccupiedPool(dir, Duration.ofMillis(200))) {
            assertTrue(occupied.pool.cooperative(), "a compiled guest that imports no host module: a pool that binds lanes");
            occupied.occupy();
            assertEquals(LANES / 2, Arrays.stream(occupied.pool.lanes()).filter(Lane::bound).count(),
                    "the two platform threads bound half the lanes");

            // three callers, more than the free lanes, wait their whole deadline
            List<Object> outcomes = occupied.callAll(3);
            occupied.release();

            assertEquals(3, outcomes.size());
            for (Object outcome : outcomes) {
                assertTrue(outcome instanceof WasmWaitTimeoutException, "expected a WasmWaitTimeoutException, found " + outcome);
                WasmWaitTimeoutException e = (WasmWaitTimeoutException) outcome;
                assertEquals(LANES, e.lanes());
                assertEquals(2, e.boundToOthers());
                assertEquals("plugin 'guard' (guard@1.0.0#1), function spin: expected a free lane (instance) within the call's"
                        + " deadline of 200 ms, found none of the 4 lanes free for all of it: 2 busy with other calls, 2 bound"
                        + " to other platform threads (2 of them idle; a platform thread keeps the lane it bound on its first call,"
                        + " for itself alone, until it ends, and a pool binds at most half its lanes); the call did not run"
                        + " (more concurrent callers than free lanes wait: raise the pool's size, 4 lanes now, with"
                        + " WasmSettings.withMaxInstances(n) given to the WasmPluginLoader, give calls a longer deadline"
                        + " with WasmSettings.withCallTimeout, or make them shorter or fewer)", e.getMessage());
            }
            assertEquals(7, occupied.guard.spin(7), "once the holders are gone, calls run");
        }
    }

    @RepeatedTest(2)
    void aLaneBoundToAThreadThatEndsWhileACallWaitsServesIt() throws Exception {
        try (OccupiedPool occupied = new OccupiedPool(dir, Duration.ofSeconds(20)).occupy()) {
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> occupied.guard.spin(7));
            Thread.sleep(200);
            assertFalse(waiting.isDone(), "the call waits: no lane is free to it");
            occupied.endFirstBinder(); // its lane serves the waiting call at the call's next look
            assertEquals(7, waiting.get(10, TimeUnit.SECONDS), "answered long before its 20 s deadline");
        }
    }
}
