package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Blobs;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.fixture.Numbers;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G6, wasm: a contract call goes straight into the JVM method Chicory compiled the guest function
 * to ({@link CompiledFunctions}), through a constant handle in the provider, not through
 * {@code Machine.call} (an interface call, a switch and a result array). These tests hold that the
 * handles are found (a Chicory upgrade that renames its compiled classes fails here, instead of
 * silently slowing every call down), that a module run by the interpreter has none and still
 * answers, and that both paths give the same answers for every scalar type and for memory-passing
 * signatures, traps included.
 */
class G6WasmCompiledCallPathTest {

    @TempDir
    Path dir;

    @Test
    void everyBoundFunctionOfACompiledModuleHasItsCompiledMethod() {
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = graft(ExecutionMode.COMPILED, pool, Numbers.class)) {
            graft.load(Wat.write(dir, "numbers.wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"), Guests.NUMBERS));
            for (int i = 0; i < 6; i++) { // add, mix, half, even, bump, bumps: answer() is not exported
                assertNotNull(pool.get().module().compiledFunction(i), "bound function " + i);
            }
        }
    }

    @Test
    void anInterpretedModuleHasNoneAndGoesThroughTheMachine() {
        AtomicReference<InstancePool> pool = new AtomicReference<>();
        try (Graft graft = graft(ExecutionMode.INTERPRETED, pool, Numbers.class)) {
            graft.load(Wat.write(dir, "numbers.wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"), Guests.NUMBERS));
            assertNull(pool.get().module().compiledFunction(0));
            assertEquals(5L, graft.contract(Numbers.class).add(2, 3));
        }
    }

    @Test
    void bothPathsAnswerAlikeForEveryScalarType() {
        assertEquals(numbersAnswers(ExecutionMode.INTERPRETED), numbersAnswers(ExecutionMode.COMPILED));
    }

    @Test
    void bothPathsAnswerAlikeThroughGuestMemoryAndTrapAlike() {
        for (ExecutionMode mode : ExecutionMode.values()) {
            try (Graft graft = graft(mode, new AtomicReference<>(), Blobs.class)) {
                graft.load(Wat.write(dir, "blobs-" + mode + ".wasm", Wat.manifest("blobs", "1.0.0", "test.blobs@1.0"), Guests.BLOBS));
                Blobs blobs = graft.contract(Blobs.class);
                assertEquals(1 + 2 + 250, blobs.sum(new byte[] {1, 2, (byte) 250}), mode.toString());
                assertArrayEquals(new byte[] {3, 2, 1}, blobs.reverse(new byte[] {1, 2, 3}), mode.toString());
            }
            try (Graft graft = graft(mode, new AtomicReference<>(), Numbers.class)) {
                graft.load(Wat.write(dir, "trap-" + mode + ".wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"),
                        Guests.NUMBERS.replace("(i64.add (local.get 0) (local.get 1))", "(i64.div_s (local.get 0) (local.get 1))")));
                Numbers numbers = graft.contract(Numbers.class);
                assertEquals(3L, numbers.add(6, 2), mode.toString());
                WasmTrapException trap = assertThrows(WasmTrapException.class, () -> numbers.add(1, 0), mode.toString());
                assertEquals(TrapKind.DIVIDE_BY_ZERO, trap.kind(), trap.getMessage());
                assertEquals(4L, numbers.add(8, 2), "the next call gets a fresh instance: " + mode);
            }
            try (Graft graft = graft(mode, new AtomicReference<>(), Numbers.class)) {
                graft.load(Wat.write(dir, "deep-" + mode + ".wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"),
                        Guests.NUMBERS.replace("(func (export \"add\") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))",
                                "(func $add (export \"add\") (param i64 i64) (result i64) (call $add (local.get 0) (local.get 1)))")));
                Numbers numbers = graft.contract(Numbers.class);
                for (int i = 0; i < 2; i++) {
                    WasmTrapException trap = assertThrows(WasmTrapException.class, () -> numbers.add(1, 2), mode.toString());
                    assertEquals(TrapKind.STACK_EXHAUSTED, trap.kind(), trap.getMessage());
                }
                assertEquals(true, numbers.even(2), "the host thread and the plugin go on: " + mode);
            }
        }
    }

    private List<Object> numbersAnswers(ExecutionMode mode) {
        List<Object> answers = new ArrayList<>();
        try (Graft graft = graft(mode, new AtomicReference<>(), Numbers.class)) {
            graft.load(Wat.write(dir, "numbers-" + mode + ".wasm", Wat.manifest("numbers", "1.0.0", "test.numbers@1.0"), Guests.NUMBERS));
            Numbers numbers = graft.contract(Numbers.class);
            long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 0xFFFF_FFFFL};
            for (long a : longs) {
                for (long b : longs) {
                    answers.add(numbers.add(a, b));
                }
            }
            float[] floats = {0f, -0f, 1.5f, -2.25f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
            for (float f : floats) {
                answers.add(Float.floatToRawIntBits(numbers.half(f)));
                answers.add(Double.doubleToRawLongBits(numbers.mix(-0.5, f, Integer.MIN_VALUE)));
            }
            for (int n : new int[] {0, 1, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                answers.add(numbers.even(n));
            }
            numbers.bump();
            numbers.bump();
            answers.add(numbers.bumps());
            answers.add(numbers.answer());
        }
        return answers;
    }

    private Graft graft(ExecutionMode mode, AtomicReference<InstancePool> pool, Class<?> contract) {
        Graft graft = Graft.builder().contract(contract).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withMode(mode), plugin -> pool.set(plugin.pool())))
                .build();
        return graft;
    }
}
