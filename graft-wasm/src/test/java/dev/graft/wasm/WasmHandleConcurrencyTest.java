package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HandleUser;
import dev.graft.wasm.fixture.Store;
import dev.graft.wasm.fixture.StoreModule;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handles under concurrency and reloads: threads each open a handle, write through it, read it
 * back and release it, while the plugin is reloaded again and again. No call ever sees another
 * thread's object, nor a handle refused because a reload retired its version mid-call (a version
 * whose guest may hold handles is retired only once its calls have drained); and once every old
 * version is retired the handle table is back where it started.
 */
class WasmHandleConcurrencyTest {

    private static final int THREADS = 4;
    private static final int RELOADS = 30;
    private static final String PROVIDES = "test.wasm.handleuser@1.0";
    private static final String IMPORTS = "imports = test.wasm.store@1.0, graft.handles@1.0";

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void reloadsWhileGuestsHoldHandlesNeverFailACall() throws Exception {
        Semaphore retired = new Semaphore(0);
        try (LoggerCapture quiet = LoggerCapture.of(GraftLoggers.HOST_CALLS);
             Graft graft = Graft.builder().contract(HandleUser.class)
                     .hostModule(Store.class, context -> new StoreModule(context.handles()))
                     .grant("handle-user", Store.class)
                     .subscribe(e -> {
                         if (e instanceof GraftEvent.Retired) {
                             retired.release();
                         }
                     })
                     .build()) {
            int before = graft.liveHandles();
            Path v1 = Wat.write(dir, "v1.wasm", Wat.manifest("handle-user", "1.0.0", PROVIDES, IMPORTS), Guests.handleUser(" v1"));
            Path v2 = Wat.write(dir, "v2.wasm", Wat.manifest("handle-user", "2.0.0", PROVIDES, IMPORTS), Guests.handleUser(" v2"));
            graft.load(v1);
            HandleUser user = graft.contract(HandleUser.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(THREADS);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    started.countDown();
                    for (int i = 0; !stop.get(); i++) {
                        String mine = "thread " + id + " call " + i;
                        try {
                            String got = user.roundTrip(mine);
                            if (!got.equals(mine + " v1") && !got.equals(mine + " v2")) {
                                problems.add("expected " + mine + " and a version mark, got " + got);
                            }
                        } catch (RuntimeException e) {
                            problems.add(mine + " threw " + e);
                        }
                    }
                }));
            }
            assertTrue(started.await(60, TimeUnit.SECONDS));
            for (int r = 0; r < RELOADS; r++) {
                graft.reload("handle-user", r % 2 == 0 ? v2 : v1);
            }
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(retired.tryAcquire(RELOADS, 60, TimeUnit.SECONDS), "every replaced version retired");
            assertEquals(before, graft.liveHandles(), "no handle outlived its call or its version");
        }
    }
}
