package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.InstanceStats;
import dev.graft.core.PluginStats;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft.stats()} shows a wasm plugin's pool (docs/operations.md, "Stats"): in a cooperative
 * pool of 4 lanes, two platform threads bind a lane each and stay idle, two callers hold the shared
 * lanes, and three more callers wait their whole deadline. The stats say 4 of 4 instances open, 2
 * in a call, 2 bound, 4 made, 3 waits, all 3 timed out; and, once the holders are gone, none in a call.
 */
class WasmPoolStatsTest {

    private static final int LANES = 4;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void statsCountInstancesCallsBindingsAndWaits() throws Exception {
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(LANES).withCallTimeout(Duration.ofMillis(200)),
                        plugin -> pool.set(plugin.pool())))
                .build()) {
            graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            Guard guard = graft.contract(Guard.class);
            assertEquals(new InstanceStats(LANES, 1, 0, 0, 1, 0, 0), instances(graft), "the instance made while loading");

            CountDownLatch end = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            CountDownLatch bound = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    guard.spin(1);
                    bound.countDown();
                    await(end);
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
            assertEquals(new InstanceStats(LANES, 4, 2, 2, 4, 0, 0), instances(graft), "two lanes bound and idle, two held");

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
            outcomes.forEach(o -> assertInstanceOf(WasmWaitTimeoutException.class, o));
            assertEquals(new InstanceStats(LANES, 4, 2, 2, 4, 3, 3), instances(graft), "three waits, all timed out");

            end.countDown();
            for (Thread t : threads) {
                t.join();
            }
            PluginStats stats = graft.stats().getFirst();
            assertEquals(new InstanceStats(LANES, 4, 0, 2, 4, 3, 3), stats.instances(), "no call now; the bindings of threads that ended stay until the pool is short of lanes");
            assertTrue(stats.toString().endsWith("; instances 4 of 4 open, 0 in a call, 2 bound; 4 made, 3 waits (3 timed out)"),
                    stats.toString());
        }
    }

    private static InstanceStats instances(Graft graft) {
        return graft.stats().getFirst().instances();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
