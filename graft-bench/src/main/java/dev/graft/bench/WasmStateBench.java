package dev.graft.bench;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.graft.api.Contract;
import dev.graft.core.Graft;
import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a wasm guest keeping a counter in its plugin's state (a host-owned block reached
 * through {@code graft.state}) against the same guest keeping it in its own linear memory, the
 * direct baseline. All in one plugin that declares state, so every contract call pays the same
 * call path (a stateful version's calls are counted); average time:
 *
 * <ul>
 *   <li>per contract call: {@code memoryAdd} (an i64 in the guest's memory, loaded, added to and
 *       stored), against {@code stateAdd} ({@code graft.state.i64_add}, atomic) and
 *       {@code stateLoadStore} ({@code i64_load}, then {@code i64_store}: a read and an add, not
 *       atomic);</li>
 *   <li>per access, in a guest loop of {@link #ACCESSES} (the contract call spread over them):
 *       {@code memoryAddLoop} against {@code stateAddLoop} and {@code stateLoadStoreLoop}.</li>
 * </ul>
 *
 * <pre>
 * java -jar graft-bench/target/benchmarks.jar WasmStateBench -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WasmStateBench {

    static final int ACCESSES = 1000;

    /** What the benchmark calls into the guest. */
    @Contract(name = "bench.state", version = "1.0")
    public interface Tally {
        long memoryAdd();

        long stateAdd();

        long stateLoadStore();

        long memoryAddLoop(int n);

        long stateAddLoop(int n);

        long stateLoadStoreLoop(int n);
    }

    static final String GUEST = """
            (module
              (import "graft.state" "i64_add" (func $add (param i32 i64) (result i64)))
              (import "graft.state" "i64_load" (func $load (param i32) (result i64)))
              (import "graft.state" "i64_store" (func $store (param i32 i64)))
              (memory 1)
              ;; the baseline: the counter at address 8 of the guest's own memory
              (func $memory_add (result i64)
                (local $v i64)
                (local.set $v (i64.add (i64.load (i32.const 8)) (i64.const 1)))
                (i64.store (i32.const 8) (local.get $v))
                (local.get $v))
              ;; the counter at offset 0 of the plugin's state: atomic add, or load then store
              (func $state_add (result i64) (call $add (i32.const 0) (i64.const 1)))
              (func $state_load_store (result i64)
                (local $v i64)
                (local.set $v (i64.add (call $load (i32.const 0)) (i64.const 1)))
                (call $store (i32.const 0) (local.get $v))
                (local.get $v))
              (func (export "memoryAdd") (result i64) (call $memory_add))
              (func (export "stateAdd") (result i64) (call $state_add))
              (func (export "stateLoadStore") (result i64) (call $state_load_store))
              %s
              %s
              %s)
            """.formatted(loop("memoryAddLoop", "$memory_add"), loop("stateAddLoop", "$state_add"),
            loop("stateLoadStoreLoop", "$state_load_store"));

    /** An export calling {@code function} {@code n} times, returning its last result. */
    private static String loop(String export, String function) {
        return """
                (func (export "%s") (param $n i32) (result i64)
                  (local $i i32) (local $s i64)
                  (block $done (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $s (call %s))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l)))
                  (local.get $s))""".formatted(export, function);
    }

    static final String MANIFEST = "id = tally\nversion = 1.0.0\nprovides = bench.state@1.0\nstate = count: i64\nstate-size = 8\n";

    /** The guest loaded as a Graft plugin with state, called through the contract's proxy. */
    @State(Scope.Benchmark)
    public static class Plugin {
        Path dir;
        Graft graft;
        Tally tally;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = BenchFolder.create("wasm-state-bench");
            Path artifact = Files.write(dir.resolve("tally.wasm"), ManifestSection.embed(Wat2Wasm.parse(GUEST), MANIFEST));
            graft = Graft.builder().contract(Tally.class).build();
            graft.load(artifact);
            tally = graft.contract(Tally.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graft.close();
            BenchFolder.delete(dir);
        }
    }

    @Benchmark
    public long memoryAdd(Plugin plugin) {
        return plugin.tally.memoryAdd();
    }

    @Benchmark
    public long stateAdd(Plugin plugin) {
        return plugin.tally.stateAdd();
    }

    @Benchmark
    public long stateLoadStore(Plugin plugin) {
        return plugin.tally.stateLoadStore();
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long memoryAddLoop(Plugin plugin) {
        return plugin.tally.memoryAddLoop(ACCESSES);
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long stateAddLoop(Plugin plugin) {
        return plugin.tally.stateAddLoop(ACCESSES);
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long stateLoadStoreLoop(Plugin plugin) {
        return plugin.tally.stateLoadStoreLoop(ACCESSES);
    }
}
