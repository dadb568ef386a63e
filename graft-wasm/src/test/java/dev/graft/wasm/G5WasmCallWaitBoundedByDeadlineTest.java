package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.HostUser;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.testing.Wat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5: the per-call deadline bounds a call's wait for a free instance as well as its run. More
 * callers than lanes each make a call that sleeps in a host function for most of the deadline:
 * no call comes back (answered or failed) much later than its deadline, and the callers that
 * found every lane busy for the whole deadline fail with {@link WasmWaitTimeoutException}
 * naming the plugin, the deadline and the lane count, with no interrupt flag left set.
 * Before the wait was bounded, the last of them were answered after two to three deadlines.
 */
class G5WasmCallWaitBoundedByDeadlineTest {

    private static final int LANES = 2;
    private static final int CALLERS = 8;
    private static final long DEADLINE_MS = 500;
    private static final int SLEEP_MS = 400; // close to the deadline: each lane serves about one call per deadline
    private static final long GENEROUS_MS = 2 * DEADLINE_MS; // the old behaviour reached 3 deadlines here
    private static final String PROVIDES = "test.wasm.hostuser@1.0";
    private static final String IMPORTS = "imports = graft.log@1.0, graft.config@1.0, test.wasm.kit@1.0";

    @TempDir
    Path dir;

    /** The kit, but add(a, ms) sleeps ms milliseconds first (handing an interrupt back to the guest). */
    private static Kit slowKit() {
        KitModule real = new KitModule();
        return (Kit) Proxy.newProxyInstance(Kit.class.getClassLoader(), new Class<?>[] {Kit.class}, (proxy, m, args) -> {
            if (m.getName().equals("add")) {
                try {
                    Thread.sleep((int) args[1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the deadline's: the guest stops at its next check
                }
                return (int) args[0] + (int) args[1];
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private Graft graft(WasmSettings settings) {
        Graft graft = Graft.builder().contract(HostUser.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(settings))
                .hostModule(Kit.class, context -> slowKit())
                .grant("host-user", Kit.class)
                .build();
        graft.load(Wat.write(dir, "host-user-" + settings.callTimeout().toMillis() + ".wasm",
                Wat.manifest("host-user", "1.0.0", PROVIDES, IMPORTS), Guests.HOST_USER));
        return graft;
    }

    @Test
    void aCallWaitingForAFreeInstanceFailsAtItsDeadlineNamingPluginDeadlineAndLanes() throws Exception {
        // warm Chicory up under a long deadline, so the short one below measures calls, not compilation
        try (Graft warm = graft(WasmSettings.defaults())) {
            warm.contract(HostUser.class).add(1, 1);
        }
        try (Graft graft = graft(WasmSettings.defaults().withMaxInstances(LANES).withCallTimeout(Duration.ofMillis(DEADLINE_MS)))) {
            HostUser user = graft.contract(HostUser.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<WasmWaitTimeoutException> waited = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger interrupted = new AtomicInteger();
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> callers = new ArrayList<>();
                for (int t = 0; t < CALLERS; t++) {
                    int id = t;
                    callers.add(Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long start = System.nanoTime();
                        String outcome;
                        try {
                            int got = user.add(id, SLEEP_MS);
                            outcome = "answered";
                            answered.incrementAndGet();
                            if (got != id + SLEEP_MS) {
                                problems.add("caller " + id + ": expected " + (id + SLEEP_MS) + ", found " + got);
                            }
                        } catch (WasmWaitTimeoutException e) {
                            outcome = "failed waiting (" + e.getMessage() + ")";
                            waited.add(e);
                        } catch (WasmTimeoutException e) {
                            outcome = "interrupted running";
                            interrupted.incrementAndGet();
                        } catch (RuntimeException e) {
                            outcome = "unexpected " + e;
                            problems.add("caller " + id + ": unexpected " + e);
                        }
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        if (ms > GENEROUS_MS) {
                            problems.add("caller " + id + " " + outcome + " after " + ms + " ms, against a deadline of "
                                    + DEADLINE_MS + " ms");
                        }
                        if (Thread.interrupted()) {
                            problems.add("caller " + id + " " + outcome + " with its interrupt flag set");
                        }
                    }));
                }
                go.countDown();
                for (Thread c : callers) {
                    c.join();
                }
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(answered.get() > 0, "some calls were answered (" + interrupted + " interrupted, "
                    + waited.size() + " failed waiting)");
            assertTrue(!waited.isEmpty(), "with " + CALLERS + " callers on " + LANES + " lanes, some failed waiting ("
                    + answered + " answered, " + interrupted + " interrupted)");
            for (WasmWaitTimeoutException e : waited) {
                assertEquals("host-user", e.pluginId());
                assertEquals("add", e.function());
                assertEquals(Duration.ofMillis(DEADLINE_MS), e.deadline());
                assertEquals(LANES, e.lanes());
                assertTrue(e.getMessage().contains("plugin 'host-user'") && e.getMessage().contains("500 ms")
                        && e.getMessage().contains("all 2 lanes"), e.getMessage());
            }
        }
    }
}
