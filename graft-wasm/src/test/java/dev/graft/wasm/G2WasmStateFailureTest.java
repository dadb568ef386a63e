package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.core.PluginStartException;
import dev.graft.core.QuiesceTimeoutException;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateText;
import dev.graft.core.testing.Callers;
import dev.graft.core.testing.Threads;
import dev.graft.wasm.fixture.Counter;
import dev.graft.wasm.fixture.Hold;
import dev.graft.wasm.fixture.HoldGate;
import dev.graft.wasm.fixture.Poke;
import dev.graft.wasm.fixture.StateGuests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G2 with wasm state: a reload that fails after the state was handed over (its first instance's
 * start function traps, in the version's start) or that cannot quiesce leaves the old version
 * serving with its state exactly as it was, and callers racing failed reloads are all answered by
 * the old version.
 */
class G2WasmStateFailureTest {

    private static final String SHAPE = "n: i64; name: char[12]; ratio: f64";
    private static final String OTHER_SHAPE = "n: i64; name: char[16]; ratio: f64; extra: i32";
    private static final String TRAP = "(start $boom) (func $boom unreachable)";
    /** A start function writing the state: refused (a trap) while the instance is initialised. */
    private static final String WRITES_STATE = "(start $init) (func $init (call $i64_store (i32.const 0) (i64.const 99)))";

    @TempDir
    Path dir;

    /** {@code wat} with {@code fields} added at the end of its module, after its imports. */
    private static String withAtEnd(String wat, String fields) {
        String body = wat.strip();
        return body.substring(0, body.length() - 1) + "\n" + fields + ")";
    }

    private Path poke(String file, String version, String state, String extra) {
        long size = StateLayout.of(StateText.parse(state)).size();
        return Wat.write(dir, file, StateGuests.manifest("poke", version, "test.poke@1.0", state, size),
                extra == null ? StateGuests.POKE : withAtEnd(StateGuests.POKE, extra));
    }

    @Test
    void aStartThatFailsAfterTheHandOverLeavesTheOldStateByteForByte() {
        try (Graft graft = Graft.builder().contract(Poke.class).build()) {
            graft.load(poke("v1.wasm", "1.0.0", SHAPE, null));
            Poke poke = graft.contract(Poke.class);
            poke.setI64(0, 41);
            poke.setText(8, "kept");
            poke.setF64(24, 0.5);
            byte[] before = poke.getBytes(0, 32);
            var snapshot = graft.state("poke").orElseThrow();

            // another shape: quiesced, read, mapped into a new block; then the first instance traps
            Path mapped = poke("mapped.wasm", "2.0.0", OTHER_SHAPE, TRAP);
            PluginException e = assertThrows(PluginStartException.class, () -> graft.reload("poke", mapped));
            assertTrue(e.getMessage().contains("plugin 'poke'") && e.getMessage().contains("mapped.wasm")
                    && e.getMessage().contains("unreachable"), e.getMessage());
            // the same shape: the new version shares the live block; its start function tries to write it
            Path shared = poke("shared.wasm", "2.0.0", SHAPE, WRITES_STATE);
            e = assertThrows(PluginStartException.class, () -> graft.reload("poke", shared));
            assertTrue(e.getMessage().contains("invalid state access") && e.getMessage().contains("graft.state.i64_store")
                    && e.getMessage().contains("initialised"), e.getMessage());

            assertEquals("1.0.0", graft.plugin("poke").orElseThrow().version().toString());
            assertArrayEquals(before, poke.getBytes(0, 32), "the old state, byte for byte");
            assertEquals(snapshot, graft.state("poke").orElseThrow());
            assertEquals(42, poke.addI64(0, 1), "v1 goes on serving with its state");
        }
    }

    @Test
    void aQuiesceThatTimesOutLeavesTheOldVersionServingWithItsState() throws Exception {
        String v1State = "count: i32; legacy: i32";
        Path v1 = Wat.write(dir, "v1.wasm", StateGuests.manifest("counter", "1.0.0", "test.counter@1.0", v1State, 8,
                "imports = test.wasm.hold@1.0"), StateGuests.counter(false, true));
        Path v2 = Wat.write(dir, "v2.wasm", StateGuests.manifest("counter", "2.0.0", "test.counter@1.0", "count: i64", 8,
                "imports = test.wasm.hold@1.0"), StateGuests.counter(true, true));
        HoldGate gate = new HoldGate();
        try (Graft graft = Graft.builder().contract(Counter.class).quiesceTimeout(Duration.ofMillis(200))
                .hostModule(Hold.class, context -> gate.moduleFor(context.versionLabel()))
                .grant("counter", Hold.class).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            assertEquals(1, counter.increment());
            Threads.Running<Long> inFlight = Threads.start("in-flight", counter::incrementSlowly);
            try {
                gate.awaitArrivals(1);
                QuiesceTimeoutException e = assertThrows(QuiesceTimeoutException.class, () -> graft.reload("counter", v2));
                assertTrue(e.getMessage().contains("plugin 'counter'") && e.getMessage().contains("v2.wasm")
                        && e.getMessage().contains("1 still running"), e.getMessage());
            } finally {
                gate.open();
            }
            assertEquals(2, inFlight.result());
            assertEquals("1.0.0", graft.plugin("counter").orElseThrow().version().toString());
            assertEquals(3, counter.increment(), "v1 serves again, its state as the held call left it");
            assertEquals(3, graft.state("counter").orElseThrow().get("count"));

            graft.reload("counter", v2);
            assertEquals(3L, graft.state("counter").orElseThrow().get("count"), "a later reload maps it");
        }
    }

    @Test
    void callersRacingFailedReloadsAreAllAnsweredByTheOldVersion() throws Exception {
        Path v1 = Wat.write(dir, "v1.wasm", StateGuests.manifest("counter", "1.0.0", "test.counter@1.0", "count: i64", 8),
                StateGuests.counter(true, false));
        // would answer with negative counts, if it ever served; its start traps, after the state was mapped or shared
        String negative = withAtEnd(StateGuests.counter(true, false).replace("(func (export \"increment\") (result i64) (call",
                "(func (export \"increment\") (result i64) (i64.sub (i64.const 0) (call") .replace(
                "(i64.const 1)))\n(func (export \"count\")", "(i64.const 1))))\n(func (export \"count\")"), TRAP);
        Path mapped = Wat.write(dir, "mapped.wasm", StateGuests.manifest("counter", "2.0.0", "test.counter@1.0",
                "count: i64; extra: i32", 16), negative);
        Path shared = Wat.write(dir, "shared.wasm", StateGuests.manifest("counter", "2.0.0", "test.counter@1.0",
                "count: i64", 8), negative);
        try (Graft graft = Graft.builder().contract(Counter.class).build()) {
            graft.load(v1);
            Counter counter = graft.contract(Counter.class);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            LongAdder threw = new LongAdder();
            Callers callers = Callers.start(4, "caller", () -> {
                try {
                    long answer = counter.increment();
                    if (answer <= 0) {
                        problems.add("answered " + answer);
                    }
                } catch (RuntimeException e) {
                    problems.add("threw " + e);
                    threw.increment();
                }
            });
            try {
                for (int i = 0; i < 40; i++) {
                    Path broken = i % 2 == 0 ? mapped : shared;
                    assertThrows(PluginStartException.class, () -> graft.reload("counter", broken));
                }
            } finally {
                callers.stop();
            }
            long calls = callers.returned() - threw.sum(); // a call that threw did not return

            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(calls, counter.count(), "no increment lost across 40 failed reloads");
            assertEquals("1.0.0", graft.plugin("counter").orElseThrow().version().toString());
        }
    }
}
