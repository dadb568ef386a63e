package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.natives.fixture.HandleUser;
import dev.graft.natives.fixture.Store;
import dev.graft.natives.fixture.StoreModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handles under threads racing through a native guest: threads open, read, append to and release
 * their own handles while other threads keep using the handles released a moment before and
 * another plugin keeps trying them too. A handle is never answered with another object: a
 * released handle is refused even after its slot was reused, whatever the interleaving; and the
 * table count ends where it started.
 */
class NativeHandleConcurrencyTest {

    private static final int OWNERS = 6;
    private static final int ROUNDS = 1_500;

    @TempDir
    Path dir;

    private LoggerCapture log; // the failures made on purpose here are logged by the thousand: keep them quiet

    @BeforeEach
    void quiet() {
        log = LoggerCapture.of(GraftLoggers.HOST_CALLS);
    }

    @AfterEach
    void restore() {
        log.close();
    }

    @RepeatedTest(3)
    void racingThreadsNeverReadAnotherObject() throws Exception {
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(HandleUser.class)
                .hostModule(Store.class, context -> new StoreModule(context.handles()))
                .grant("handle-user", Store.class).grant("handle-other", Store.class)
                .build()) {
            int before = graft.liveHandles();
            graft.load(Fixtures.copy("handle_user", dir, "handle-user.so"));
            graft.load(Fixtures.copy("handle_user_other", dir, "handle-other.so"));
            HandleUser user = graft.contractOf("handle-user", HandleUser.class);
            HandleUser other = graft.contractOf("handle-other", HandleUser.class);

            Queue<Long> released = new ConcurrentLinkedQueue<>();
            AtomicInteger ownersLeft = new AtomicInteger(OWNERS);
            AtomicInteger staleTries = new AtomicInteger();
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < OWNERS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> run(start, errors, () -> {
                    try {
                        for (int i = 0; i < ROUNDS; i++) {
                            String text = "owner " + thread + ", round " + i;
                            long handle = user.open(text);
                            user.append(handle, "!");
                            assertEquals(text + "!", user.read(handle), "its own object");
                            assertEquals(0, user.release(handle));
                            released.add(handle);
                        }
                    } finally {
                        ownersLeft.decrementAndGet();
                    }
                })));
            }
            // two threads keep using released handles: their slots are reused by the owners meanwhile
            for (HandleUser stale : List.of(user, other)) {
                threads.add(Thread.ofPlatform().start(() -> run(start, errors, () -> {
                    while (ownersLeft.get() > 0 || !released.isEmpty()) {
                        Long handle = released.poll();
                        if (handle == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        String answer = stale.tryRead(handle);
                        assertTrue(answer.startsWith("status 3: host module test.native.store@1.0, fn read(i64) -> str: "),
                                "a released handle is refused, never answered: " + answer);
                        staleTries.incrementAndGet();
                    }
                })));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(errors));
            assertTrue(staleTries.get() > 0, "stale handles were tried");
            assertEquals(before, graft.liveHandles(), "every handle was released");
        }
    }

    private static void run(CountDownLatch start, Queue<Throwable> errors, Runnable body) {
        try {
            start.await();
            body.run();
        } catch (Throwable e) {
            errors.add(e);
        }
    }
}
