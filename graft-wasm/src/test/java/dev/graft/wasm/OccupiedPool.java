package dev.graft.wasm;

import dev.graft.core.Graft;
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

/**
 * The guard guest in a cooperative pool of {@link #LANES} lanes which {@link #occupy} fills: two
 * platform threads bind a lane each and then live on, idle (the most a pool binds: half), and two
 * virtual threads (which never bind) hold the shared lanes; until {@link #close}, or, for the first
 * binder, {@link #endFirstBinder}. For the tests of calls that find no lane free.
 */
final class OccupiedPool implements AutoCloseable {

    static final int LANES = 4;

    final Graft graft;
    final Guard guard;
    final InstancePool pool;
    private final CountDownLatch endFirst = new CountDownLatch(1);
    private final CountDownLatch end = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    OccupiedPool(Path dir, Duration deadline) {
        AtomicReference<InstancePool> made = new AtomicReference<>();
        graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(LANES).withCallTimeout(deadline),
                        plugin -> made.set(plugin.pool())))
                .build();
        graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
        guard = graft.contract(Guard.class);
        pool = made.get();
    }

    /** Binds two lanes to two idle platform threads, then holds the other two; returns once all four are taken. */
    OccupiedPool occupy() throws InterruptedException {
        CountDownLatch bound = new CountDownLatch(2);
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
                Lane lane = pool.acquire(0);
                held.countDown();
                await(end);
                pool.release(lane, 0);
            }));
        }
        held.await();
        return this;
    }

    /** {@code callers} virtual threads call {@code spin(7)} at once; what each got (a result or an exception), once all are done. */
    List<Object> callAll(int callers) throws InterruptedException {
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> callerThreads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            callerThreads.add(Thread.ofVirtual().start(() -> {
                try {
                    outcomes.add(guard.spin(7));
                } catch (RuntimeException e) {
                    outcomes.add(e);
                }
            }));
        }
        for (Thread t : callerThreads) {
            t.join();
        }
        return List.copyOf(outcomes);
    }

    /** The first binder ends; the other threads keep their lanes. */
    void endFirstBinder() {
        endFirst.countDown();
    }

    /** Every thread ends, giving its lane back; the runtime stays open. */
    void release() throws InterruptedException {
        endFirst.countDown();
        end.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    @Override
    public void close() throws InterruptedException {
        release();
        graft.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
