package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5: a call that waited its whole deadline for a lane says what it found, also when lanes bound to
 * other threads sat idle. In a cooperative pool of 4 lanes two platform threads bind a lane each
 * (the most a pool binds: half) and then stay alive without calling; two other callers hold the
 * shared lanes for longer than the deadline; three more callers (more than the free lanes: none)
 * then wait. Each fails with {@link WasmWaitTimeoutException}, whose message names the 4 lanes, the
 * 2 bound to other threads and idle, the 2 busy with calls, and the setting that sizes the pool;
 * it does not claim every lane was busy.
 */
class G5WasmWaitTimeoutNamesBoundLanesTest {

    private static final int LANES = 4;
    private static final Duration DEADLINE = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aWaitThatTimesOutBesideIdleBoundLanesSaysSo() throws Exception {
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(LANES).withCallTimeout(DEADLINE),
                        plugin -> pool.set(plugin.pool())))
                .build()) {
            graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            assertTrue(pool.get().cooperative(), "a compiled guest that imports no host module: a pool that binds lanes");
            Guard guard = graft.contract(Guard.class);

            // two platform threads bind a lane each on their first call, then stay alive, idle
            CountDownLatch end = new CountDownLatch(1);
            CountDownLatch bound = new CountDownLatch(2);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    guard.spin(1);
                    bound.countDown();
                    await(end);
                }));
            }
            bound.await();
            assertEquals(LANES / 2, Arrays.stream(pool.get().lanes()).filter(Lane::bound).count(),
                    "the two platform threads bound half the lanes");

            // two virtual threads (which never bind) hold the shared lanes until the end
            CountDownLatch held = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    Lane lane = pool.get().acquire(0);
                    held.countDown();
                    await(end);
                    pool.get().release(lane, 0);
                }));
            }
            held.await();

            // three callers, more than the free lanes, wait their whole deadline
            ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(Thread.ofVirtual().start(() -> {
                    try {
                        outcomes.add(guard.spin(7));
                    } catch (RuntimeException e) {
                        outcomes.add(e);
                    }
                }));
            }
            for (Thread w : waiters) {
                w.join();
            }
            end.countDown();
            for (Thread t : threads) {
                t.join();
            }

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
            assertEquals(7, guard.spin(7), "once the holders are gone, calls run");
        }
    }

    /** The other way out of such a wait: a thread with a bound lane ends while the call waits, and its lane serves the call. */
    @RepeatedTest(2)
    void aLaneBoundToAThreadThatEndsWhileACallWaitsServesIt() throws Exception {
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(LANES).withCallTimeout(Duration.ofSeconds(20)),
                        plugin -> pool.set(plugin.pool())))
                .build()) {
            graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            Guard guard = graft.contract(Guard.class);
            CountDownLatch end = new CountDownLatch(1);
            CountDownLatch endFirst = new CountDownLatch(1);
            CountDownLatch bound = new CountDownLatch(2);
            List<Thread> threads = new ArrayList<>();
            for (CountDownLatch until : List.of(endFirst, end)) {
                threads.add(Thread.ofPlatform().start(() -> {
                    guard.spin(1);
                    bound.countDown();
                    await(until);
                }));
            }
            bound.await();
            CountDownLatch held = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    Lane lane = pool.get().acquire(0);
                    held.countDown();
                    await(end);
                    pool.get().release(lane, 0);
                }));
            }
            held.await();
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> guard.spin(7));
            Thread.sleep(200);
            assertFalse(waiting.isDone(), "the call waits: no lane is free to it");
            endFirst.countDown(); // one binder ends: its lane serves the waiting call at the call's next look
            assertEquals(7, waiting.get(10, TimeUnit.SECONDS), "answered long before its 20 s deadline");
            end.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
