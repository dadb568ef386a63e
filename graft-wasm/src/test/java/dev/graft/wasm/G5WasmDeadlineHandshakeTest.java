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
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * G5, the deadline's handshake (see {@link Lane}): real threads make many calls whose work ends
 * near their deadline, and calls that never end, while the watchdog waits between deciding to stop
 * a call and stopping it (a test hook that widens every race). Whatever the timing, no thread is
 * ever left interrupted after its call returned, every call that never ends is stopped with
 * {@link WasmTimeoutException}, and every answered call answers right. Both kinds of pool: the
 * cooperative one (compiled with Graft's stop check, no locked instruction per call) and the
 * interrupting one (interpreted: the interrupt and its CAS handshake). The negative control runs
 * the same calls with the handshake weakened (the watchdog interrupts the thread it saw holding a
 * call past its deadline without claiming the call first) and the test sees stray interrupts.
 */
class G5WasmDeadlineHandshakeTest {

    private static final Duration DEADLINE = Duration.ofMillis(20);
    private static final int THREADS = 4;
    private static final int CALLS = 60;

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheWatchdog() {
        Watchdog.interruptWithoutClaim = false;
        Watchdog.decisionDelayNanos = 0;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void noThreadIsInterruptedAfterItsCallReturnedAndEveryRunawayCallIsStopped(ExecutionMode mode) throws Exception {
        Watchdog.decisionDelayNanos = Duration.ofMillis(1).toNanos();
        Outcome outcome = race(mode);
        assertEquals(List.of(), outcome.problems());
        assertTrue(outcome.answered() > 0, "some calls were answered: " + outcome);
        assertEquals(outcome.runaways(), outcome.runawaysStopped(), "every call that never ends is stopped: " + outcome);
    }

    @Test
    void aWeakenedHandshakeIsCaught() throws Exception {
        Watchdog.decisionDelayNanos = Duration.ofMillis(1).toNanos();
        Watchdog.interruptWithoutClaim = true;
        Outcome outcome = race(ExecutionMode.COMPILED);
        assertFalse(outcome.problems().isEmpty(), "the weakened handshake left no stray interrupt: " + outcome);
    }

    private record Outcome(List<String> problems, long answered, long timedOut, long runaways, long runawaysStopped) {
    }

    /** Four threads, each making calls of random length around the deadline, and every tenth call one that never ends. */
    private Outcome race(ExecutionMode mode) throws Exception {
        // warm Chicory up (and size the work) under a long deadline: a short one covers the first initialisation too
        int roundsPerMs;
        try (Graft warm = graft(mode, Duration.ofSeconds(30), null)) {
            Guard guard = warm.contract(Guard.class);
            guard.hold(1, 1_000_000);
            long start = System.nanoTime();
            guard.hold(1, 2_000_000);
            roundsPerMs = (int) Math.max(1, 2_000_000L * 1_000_000 / Math.max(1, System.nanoTime() - start));
        }
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = graft(mode, DEADLINE, pool)) {
            assertEquals(mode == ExecutionMode.COMPILED, pool.get().cooperative(), "the kind of pool under test");
            Guard guard = graft.contract(Guard.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();
            AtomicLong timedOut = new AtomicLong();
            AtomicLong runaways = new AtomicLong();
            AtomicLong runawaysStopped = new AtomicLong();
            long maxRounds = 2L * DEADLINE.toMillis() * roundsPerMs;
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        boolean runaway = i % 10 == 9;
                        try {
                            if (runaway) {
                                runaways.incrementAndGet();
                                guard.spin(-1);
                                problems.add("a call that never ends returned");
                            } else {
                                int rounds = (int) Math.min(Integer.MAX_VALUE, ThreadLocalRandom.current().nextLong(0, maxRounds));
                                int got = guard.hold(i, rounds);
                                if (got != i) {
                                    problems.add("stored " + i + ", read back " + got);
                                }
                                answered.incrementAndGet();
                            }
                        } catch (WasmTimeoutException e) {
                            timedOut.incrementAndGet();
                            if (runaway) {
                                runawaysStopped.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            problems.add("unexpected " + e);
                        }
                        if (Thread.interrupted()) {
                            problems.add("a call returned with its caller's interrupt flag set");
                        }
                        // a stray interrupt may land after the call: host code that sleeps would see it
                        try {
                            Thread.sleep(0, ThreadLocalRandom.current().nextInt(1, 200_000));
                        } catch (InterruptedException e) {
                            problems.add("host code after a call was interrupted");
                        }
                    }
                }));
            }
            for (Thread c : callers) {
                c.join();
            }
            Thread.sleep(2 * DEADLINE.toMillis()); // an interrupt still on its way would land on a parked caller: none is left
            return new Outcome(List.copyOf(problems), answered.get(), timedOut.get(), runaways.get(), runawaysStopped.get());
        }
    }

    private Graft graft(ExecutionMode mode, Duration deadline, AtomicReference<InstancePool> pool) {
        Graft graft = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMode(mode).withMaxInstances(THREADS).withCallTimeout(deadline),
                        plugin -> {
                            if (pool != null) {
                                pool.set(plugin.pool());
                            }
                        }))
                .build();
        graft.load(Wat.write(dir, "guard-" + mode + "-" + deadline.toMillis() + ".wasm",
                Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
        return graft;
    }
}
