package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.RecordingLog;
import dev.graft.natives.fixture.HostUser;
import dev.graft.natives.fixture.Kit;
import dev.graft.natives.fixture.KitModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host module calls from native guests on many threads at once: each thread gets its own answers
 * and its own failure messages (they are kept per thread), and reloads that run meanwhile, each
 * linking a new table of upcalls and freeing the old one once its calls drained, never make a
 * call fail or answer from a mix of versions.
 */
class NativeHostModuleConcurrencyTest {

    private static final int THREADS = 8;

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

    private static Graft graft(List<String> logged, CountDownLatch retired) {
        return Graft.builder().collectRetiredAfter(Duration.ZERO).contract(HostUser.class)
                .hostModule(Kit.class, context -> new KitModule())
                .grant("host-user", Kit.class)
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired) {
                        retired.countDown();
                    }
                })
                .build();
    }

    /** Runs {@code body(thread)} on real threads released together; returns what they threw. */
    private static Queue<Throwable> race(int threads, ThreadBody body) throws InterruptedException {
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(Thread.ofPlatform().name("racer-" + t).start(() -> {
                try {
                    start.await();
                    body.run(thread);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread t : running) {
            t.join();
        }
        return errors;
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    @RepeatedTest(3)
    void threadsCallingTheHostAtOnceGetTheirOwnAnswersAndMessages() throws Exception {
        try (Graft graft = graft(new CopyOnWriteArrayList<>(), new CountDownLatch(0))) {
            graft.load(Fixtures.copy("host_user", dir, "host-user.so"));
            HostUser user = graft.contract(HostUser.class);
            Queue<Throwable> errors = race(THREADS, thread -> {
                for (int i = 0; i < 2_000; i++) {
                    String text = "thread " + thread + ", call " + i;
                    assertEquals(text, user.echo(text));
                    assertEquals(thread + i, user.add(thread, i));
                    if (i % 10 == 0) {
                        // the failure message lives per thread: another thread's failure never shows here
                        assertEquals("status 2: host module test.native.kit@1.1, fn fail(str): threw "
                                + "java.lang.IllegalStateException: " + text, user.tryFail(text));
                    }
                }
            });
            assertEquals(List.of(), List.copyOf(errors));
        }
    }

    @RepeatedTest(3)
    void reloadsWhileGuestsCallTheHostNeverFailACall() throws Exception {
        int reloads = 30;
        List<String> logged = new CopyOnWriteArrayList<>();
        CountDownLatch retired = new CountDownLatch(reloads);
        try (Graft graft = graft(logged, retired)) {
            Path v1 = Fixtures.copy("host_user", dir, "v1.so");
            Path v2 = Fixtures.copy("host_user_v2", dir, "v2.so");
            graft.load(v1);
            HostUser user = graft.contract(HostUser.class);
            AtomicBoolean reloading = new AtomicBoolean(true);
            Queue<Throwable> errors = race(THREADS + 1, thread -> {
                if (thread == THREADS) {
                    try {
                        for (int i = 1; i <= reloads; i++) {
                            graft.reload("host-user", i % 2 == 1 ? v2 : v1);
                        }
                    } finally {
                        reloading.set(false);
                    }
                    return;
                }
                int calls = 0;
                while (reloading.get() || calls < 100) {
                    String text = "thread " + thread + ", call " + calls++;
                    assertEquals(text, user.echo(text));
                    int version = user.version();
                    assertTrue(version == 1 || version == 2, "one version or the other: " + version);
                }
            });
            assertEquals(List.of(), List.copyOf(errors));
            assertTrue(retired.await(60, TimeUnit.SECONDS), "every replaced version retired");
            long started = logged.stream().filter(l -> l.endsWith(" ready")).count();
            long stopped = logged.stream().filter(l -> l.endsWith("host-user stopping")).count();
            assertEquals(reloads + 1, started, "each version's init reached the host");
            assertEquals(reloads, stopped, "each retired version's shutdown reached the host before its stubs were freed");
        }
    }
}
