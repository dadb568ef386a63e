package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wasm instance is single-threaded: concurrent host calls each get an instance of their own
 * for the whole call (threads outnumber instances here, so lanes are contended), and the per-call
 * deadline racing calls that end right at it never leaves a stray interrupt on a caller.
 */
class WasmConcurrentCallsTest {

    private static final int THREADS = 8;

    @TempDir
    Path dir;

    private Graft graft(Duration deadline) {
        // a short deadline covers the first instance's initialisation too: warm Chicory up under a long one first
        try (Graft warm = Graft.builder().contract(Guard.class).build()) {
            warm.load(Wat.write(dir, "warm.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            warm.contract(Guard.class).hold(1, 1000);
        }
        Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMaxInstances(2).withCallTimeout(deadline)))
                .build();
        graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
        return graft;
    }

    @RepeatedTest(3)
    void noTwoCallsShareAnInstanceAtOnce() throws Exception {
        try (Graft graft = graft(Duration.ofSeconds(30))) {
            Guard guard = graft.contract(Guard.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 300; i++) {
                        int v = id * 1_000_000 + i;
                        // stores v in the instance's memory, spins, reads it back: a second caller in the same instance would overwrite it
                        int got = guard.hold(v, 20_000);
                        if (got != v) {
                            problems.add("thread " + id + " stored " + v + ", read back " + got);
                        }
                    }
                }));
            }
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
        }
    }

    @RepeatedTest(3)
    void deadlineRacingCallsThatEndAtItLeavesNoStrayInterrupt() throws Exception {
        try (Graft graft = graft(Duration.ofMillis(25))) {
            Guard guard = graft.contract(Guard.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();
            AtomicLong timedOut = new AtomicLong();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 40; i++) {
                        // work from nothing to tens of milliseconds: some calls end before the deadline, some at it, some after
                        int rounds = ThreadLocalRandom.current().nextInt(0, 50_000_000);
                        try {
                            int got = guard.hold(i, rounds);
                            if (got != i) {
                                problems.add("stored " + i + ", read back " + got);
                            }
                            answered.incrementAndGet();
                        } catch (WasmTimeoutException e) {
                            timedOut.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add("unexpected " + e);
                        }
                        if (Thread.interrupted()) {
                            problems.add("a call returned with the caller's interrupt flag set");
                        }
                    }
                }));
            }
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertTrue(answered.get() > 0, "some calls were answered (" + timedOut.get() + " timed out)");
        }
    }
}
