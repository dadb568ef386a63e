package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HostUser;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads calling host modules through one wasm plugin at once, more threads than instances: each
 * call gets its own answers, and each failure's message reaches the guest that made it, never
 * another (the message is kept per instance, and an instance serves one call at a time).
 */
class WasmHostModuleConcurrencyTest {

    private static final int THREADS = 6;
    private static final int CALLS = 300;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void threadsCallingTheHostAtOnceGetTheirOwnAnswersAndMessages() throws Exception {
        try (LoggerCapture quiet = LoggerCapture.of(GraftLoggers.HOST_CALLS);
             Graft graft = Graft.builder().contract(HostUser.class).discoverLoaders(false)
                     .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(2)))
                     .hostModule(Kit.class, context -> new KitModule())
                     .grant("host-user", Kit.class)
                     .build()) {
            graft.load(Wat.write(dir, "host-user.wasm", Wat.manifest("host-user", "1.0.0", "test.wasm.hostuser@1.0",
                    "imports = graft.log@1.0, graft.config@1.0, test.wasm.kit@1.0"), Guests.HOST_USER));
            HostUser user = graft.contract(HostUser.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < CALLS; i++) {
                            String mine = "thread " + id + " call " + i;
                            check(problems, mine, user.echo(mine));
                            check(problems, "2:host module test.wasm.kit@1.1, fn fail(str): threw java.lang.IllegalStateException: "
                                    + mine, user.tryFail(mine));
                            check(problems, id * 1000 + i, user.add(id * 1000, i));
                            check(problems, (long) id * i * 3, user.multiply((long) id * i, 3));
                        }
                    } catch (Throwable e) {
                        problems.add("thread " + id + " threw " + e);
                    }
                }));
            }
            start.countDown();
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
        }
    }

    private static void check(ConcurrentLinkedQueue<String> problems, Object expected, Object got) {
        if (!expected.equals(got)) {
            problems.add("expected " + expected + ", got " + got);
        }
    }
}
