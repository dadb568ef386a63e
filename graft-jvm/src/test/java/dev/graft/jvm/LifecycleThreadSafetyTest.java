package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.ProviderUnavailableException;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.GreetingV2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle API is thread-safe: threads reload the same plugin at once, reload different
 * plugins at once, and load and unload another, while callers call; every operation either
 * succeeds or fails cleanly, and the runtime ends in a consistent state.
 */
class LifecycleThreadSafetyTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void concurrentLifecycleOperationsStayConsistent() throws Exception {
        Path[] v1 = new Path[3];
        Path[] v2 = new Path[3];
        for (int p = 0; p < 3; p++) {
            v1[p] = TestJar.plugin("p" + p, "1.0.0").provides("test.greeting@1.2", GreetingV1.class).write(dir, "p" + p + "-v1.jar");
            v2[p] = TestJar.plugin("p" + p, "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "p" + p + "-v2.jar");
        }
        try (Graft graft = Graft.builder().build()) {
            graft.load(v1[0]);
            graft.load(v1[1]);
            Greeting shared = graft.contractOf("p0", Greeting.class);
            Greeting other = graft.contractOf("p1", Greeting.class);
            ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CyclicBarrier go = new CyclicBarrier(5);
            List<Thread> workers = new ArrayList<>();
            // two threads reload the same plugin p0: serialised, each reload complete
            for (int t = 0; t < 2; t++) {
                int offset = t;
                workers.add(worker(go, problems, () -> {
                    for (int i = 0; i < 40; i++) {
                        graft.reload("p0", (i + offset) % 2 == 0 ? v2[0] : v1[0]);
                    }
                }));
            }
            // one thread reloads another plugin
            workers.add(worker(go, problems, () -> {
                for (int i = 0; i < 40; i++) {
                    graft.reload("p1", i % 2 == 0 ? v2[1] : v1[1]);
                }
            }));
            // one thread loads and unloads a third
            workers.add(worker(go, problems, () -> {
                for (int i = 0; i < 20; i++) {
                    graft.load(v1[2]);
                    graft.unload("p2");
                }
            }));
            // one caller through both proxies
            workers.add(worker(go, problems, () -> {
                while (!stop.get()) {
                    for (Greeting g : List.of(shared, other)) {
                        String a = g.greet("x");
                        if (!a.equals("v1 hello x") && !a.equals("v2 hi x")) {
                            throw new AssertionError("unexpected answer " + a);
                        }
                    }
                }
            }));
            for (Thread w : workers.subList(0, 4)) {
                w.join();
            }
            stop.set(true);
            workers.get(4).join();

            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(List.of("p0", "p1"), graft.plugins().stream().map(p -> p.id()).toList());
            assertTrue(List.of("v1 hello y", "v2 hi y").contains(shared.greet("y")));
            Greeting gone = graft.contractOf("p0", Greeting.class);
            graft.unload("p0");
            try {
                gone.greet("z");
                throw new AssertionError("an unloaded plugin's proxy must refuse calls");
            } catch (ProviderUnavailableException expected) {
                assertTrue(expected.getMessage().contains("p0"), expected.getMessage());
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Thread worker(CyclicBarrier go, ConcurrentLinkedQueue<Throwable> problems, Work work) {
        return Thread.ofPlatform().start(() -> {
            try {
                go.await();
                work.run();
            } catch (Throwable e) {
                problems.add(e);
            }
        });
    }
}
