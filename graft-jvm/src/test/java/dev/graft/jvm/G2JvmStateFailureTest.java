package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.core.PluginStartException;
import dev.graft.core.QuiesceTimeoutException;
import dev.graft.core.StateMappingException;
import dev.graft.core.testing.Threads;
import dev.graft.jvm.fixture.Counter;
import dev.graft.jvm.fixture.CounterStates;
import dev.graft.jvm.fixture.FailingStart;
import dev.graft.jvm.fixture.HeldCall;
import dev.graft.jvm.fixture.MappingStates;
import dev.graft.jvm.fixture.StateCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * G2 with state: a reload that fails after the old version's state was read (the new version's
 * start throws, the quiesce times out, the new state record refuses its mapped value) leaves the
 * old version serving with its state exactly as it was, and every caller racing the failed reloads
 * is answered by the old version.
 */
class G2JvmStateFailureTest {

    private static final int CALLERS = 4;

    @TempDir
    Path dir;

    /** How the reload to v2 fails. */
    enum Failure {
        START_THROWS(PluginStartException.class, 20),
        QUIESCE_TIMES_OUT(QuiesceTimeoutException.class, 3),
        CONSTRUCTOR_THROWS(StateMappingException.class, 20);

        final Class<? extends PluginException> thrown;
        final int reloads;

        Failure(Class<? extends PluginException> thrown, int reloads) {
            this.thrown = thrown;
            this.reloads = reloads;
        }

        TestJar v2() {
            return switch (this) {
                case START_THROWS -> StateJars.counter("2.0.0", StateCounter.V2.class, CounterStates.V2.class).main(FailingStart.class);
                case QUIESCE_TIMES_OUT -> StateJars.counter("2.0.0", StateCounter.V2.class, CounterStates.V2.class);
                case CONSTRUCTOR_THROWS -> StateJars.counter("2.0.0", StateCounter.Capped.class, CounterStates.Capped.class);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailedReloadLeavesTheOldVersionServingWithItsStateAsItWas(Failure failure) throws Exception {
        Path v1 = StateJars.counter("1.0.0", StateCounter.V1.class, CounterStates.V1.class).write(dir, "v1.jar");
        Path v2 = failure.v2().write(dir, "v2.jar");
        // a short quiesce only where it is to time out: elsewhere racing callers on a loaded machine
        // may take longer than that to drain, and the reload would fail for that reason instead
        Duration quiesce = failure == Failure.QUIESCE_TIMES_OUT ? Duration.ofMillis(50) : Duration.ofSeconds(10);
        try (Graft graft = Graft.builder().quiesceTimeout(quiesce).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            for (int i = 0; i < 5; i++) {
                counter.increment();
            }
            Threads.Running<String> held = null;
            if (failure == Failure.QUIESCE_TIMES_OUT) { // a call stuck in flight: the quiesce never sees v1 idle
                HeldCall.arm();
                held = Threads.start("held-call", counter::incrementHeld);
                HeldCall.awaitEntered();
            }
            Map<String, Object> before = graft.state(StateJars.COUNTER).orElseThrow();

            assertFails(failure, () -> graft.reload(StateJars.COUNTER, v2));
            assertEquals(before, graft.state(StateJars.COUNTER).orElseThrow(), "the old state, exactly as it was");

            Incrementers racing = Incrementers.start(counter, CALLERS, "v1");
            try {
                for (int i = 0; i < failure.reloads; i++) {
                    assertFails(failure, () -> graft.reload(StateJars.COUNTER, v2));
                }
            } finally {
                racing.stop();
            }
            long stuck = 0;
            if (held != null) {
                HeldCall.release();
                assertEquals("v1", held.result(), "the stuck call finished in v1");
                stuck = 1;
            }

            assertEquals(List.of(), racing.problems(), "every racing caller answered by v1");
            long expected = 5 + racing.returned() + stuck;
            assertEquals(Map.of("count", (int) expected, "legacy", 0), graft.state(StateJars.COUNTER).orElseThrow());
            assertEquals(expected, counter.count());
            assertEquals("1.0.0", graft.plugin(StateJars.COUNTER).orElseThrow().version().toString());
        }
    }

    /** A record whose own constructor refuses the mapped value: the reload names the record and the value; the old state stays. */
    @Test
    void aStateRecordRefusingTheMappedValueFailsTheReload() {
        try (Graft graft = Graft.builder().build()) {
            graft.load(StateJars.stateOnly(dir, "mapped", "1.0.0", MappingStates.LongSeven.class));
            Path v2 = StateJars.stateOnly(dir, "mapped", "2.0.0", MappingStates.AtMostFive.class);

            StateMappingException e = assertThrows(StateMappingException.class, () -> graft.reload("mapped", v2));

            assertNull(e.field(), "the whole state failed, not one field");
            assertEquals("plugin 'mapped' (mapped-AtMostFive.jar): state " + MappingStates.AtMostFive.class.getName()
                    + ": expected its canonical constructor to accept {n=7}, found it threw "
                    + "java.lang.IllegalArgumentException: expected n at most 5, found 7", e.getMessage());
            assertEquals(Map.of("n", 7L), graft.state("mapped").orElseThrow());
            assertEquals("1.0.0", graft.plugin("mapped").orElseThrow().version().toString());
        }
    }

    private static void assertFails(Failure failure, org.junit.jupiter.api.function.Executable reload) {
        PluginException e = assertThrows(failure.thrown, reload);
        assertTrue(e.getMessage().startsWith("plugin 'counter' (v2.jar): "), e.getMessage());
        if (e instanceof StateMappingException mapping) {
            assertEquals("cap", mapping.field());
            assertEquals("plugin 'counter' (v2.jar): state " + CounterStates.Capped.class.getName() + ": expected the canonical "
                    + "constructor of " + CounterStates.Cap.class.getName() + " to accept {limit=0} for field cap, found it threw "
                    + "java.lang.IllegalArgumentException: expected a limit of at least 1, found 0", e.getMessage());
        }
    }
}
