package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox, at call time: a runaway guest is interrupted at its deadline and its instance
 * replaced; a trap is an exception naming plugin, function and trap kind; memory grows only up to
 * the plugin's limit, and growing past it fails inside the guest. Waits are bounded so that a hang
 * fails the test instead of stalling the build.
 */
class WasmSandboxTest {

    private static final Duration DEADLINE = Duration.ofMillis(200);
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Graft graft;
    private Guard guard;

    @BeforeEach
    void load() {
        graft = graftWith(ExecutionMode.COMPILED);
        guard = graft.contract(Guard.class);
    }

    @AfterEach
    void close() {
        graft.close();
    }

    private Graft graftWith(ExecutionMode mode) {
        Graft g = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMode(mode).withCallTimeout(DEADLINE)
                        .withMaxMemoryPages(16).withMaxInstances(2)))
                .build();
        g.load(Wat.write(dir, "guard-" + mode + ".wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
        return g;
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void endlessLoopIsInterruptedAtItsDeadlineAndTheNextCallWorks(ExecutionMode mode) {
        try (Graft g = graftWith(mode)) {
            Guard runaway = g.contract(Guard.class);
            WasmTimeoutException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(WasmTimeoutException.class,
                    () -> runaway.spin(-1)));
            assertTrue(e.getMessage().contains("plugin 'guard'") && e.getMessage().contains("function spin")
                    && e.getMessage().contains("expected the call to return within 200 ms"), e.getMessage());
            assertEquals(DEADLINE, e.deadline());
            assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt does not leak to the caller");
            assertEquals(5, runaway.spin(5), "the instance was replaced");
        }
    }

    @Test
    void everyLaneStuckAtOnceIsFreedAndTheHostNeverHangs() throws Exception {
        // more runaway callers than instances: those waiting for a lane get theirs once the deadline frees one
        List<CompletableFuture<Throwable>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    guard.spin(-1);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }, r -> Thread.ofPlatform().start(r)));
        }
        for (CompletableFuture<Throwable> call : calls) {
            Throwable outcome = call.get(NO_HANG.toSeconds(), TimeUnit.SECONDS);
            assertTrue(outcome instanceof WasmTimeoutException, String.valueOf(outcome));
        }
        assertEquals(7, guard.spin(7));
    }

    @Test
    void trapsNamePluginFunctionAndKind() {
        WasmTrapException divide = assertThrows(WasmTrapException.class, () -> guard.divide(1, 0));
        assertEquals(TrapKind.DIVIDE_BY_ZERO, divide.kind());
        assertEquals("divide", divide.function());
        assertEquals("guard", divide.pluginId());
        assertTrue(divide.getMessage().contains("plugin 'guard'") && divide.getMessage().contains("function divide: trapped: integer divide by zero"),
                divide.getMessage());
        WasmTrapException crash = assertThrows(WasmTrapException.class, () -> guard.crash());
        assertEquals(TrapKind.UNREACHABLE, crash.kind());
        assertTrue(crash.getMessage().contains("function crash: trapped: unreachable executed"), crash.getMessage());
        assertEquals(3, guard.divide(7, 2), "the next call runs in a fresh instance");
    }

    @Test
    void memoryGrowsUpToThePluginsLimitAndNoFurtherInsideTheGuest() {
        assertEquals(1, guard.grow(0), "one page to start with");
        assertEquals(-1, guard.grow(100), "past the limit of 16 pages: refused inside the guest, no host exception");
        assertEquals(1, guard.grow(15), "up to the limit: granted");
        assertEquals(16, guard.grow(0));
        assertEquals(-1, guard.grow(1));
    }

    @Test
    void hostInterruptStopsTheGuestAndStaysSet() throws Exception {
        try (Graft patient = Graft.builder().contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withCallTimeout(Duration.ofMinutes(5))))
                .build()) {
            patient.load(Wat.write(dir, "patient.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
            Guard g = patient.contract(Guard.class);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            CountDownLatch entered = new CountDownLatch(1);
            Thread caller = Thread.ofPlatform().start(() -> {
                entered.countDown();
                try {
                    g.spin(-1);
                } catch (Throwable t) {
                    outcome.set(t);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            assertTrue(entered.await(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            caller.interrupt();
            caller.join(NO_HANG.toMillis());
            assertFalse(caller.isAlive(), "the interrupted guest stopped");
            assertTrue(outcome.get() instanceof WasmTrapException t && t.kind() == TrapKind.INTERRUPTED, String.valueOf(outcome.get()));
            assertTrue(stillInterrupted.get(), "the host's own interrupt stays set for the host");
            assertEquals(4, g.spin(4));
        }
    }
}
