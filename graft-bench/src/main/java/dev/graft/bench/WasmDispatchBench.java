package dev.graft.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.graft.api.Contract;
import dev.graft.core.Graft;
import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a call through a wasm plugin's contract (G6): the same compiled guest function
 * called directly through Chicory's API ({@code rawChicory*}, the baseline: the cheapest public
 * entry, {@code instance.getMachine().call(index, args)} with an argument array reused from call
 * to call, and for bytes a {@code Memory.write} into a buffer allocated once) and through Graft's
 * contract proxy ({@code graft*}: slot, generated provider, instance pool lane, deadline).
 * {@code rawChicoryExport}: the export's {@code ExportFunction.apply}, for scale. int -> int, and
 * a 4 KiB byte array argument -> int. Average time per call.
 *
 * <p>{@code graftThroughput1}/{@code graftThroughput2}: calls per microsecond with one and two
 * calling threads on the same proxy (the instance pool serves each thread its own instance);
 * {@code rawChicoryThroughput1}/{@code rawChicoryThroughput2}, their baseline: each thread calls
 * an instance of its own through {@code Machine.call}, so their ratio is what two threads of this
 * work can gain on this machine at all.
 *
 * <p>Needs graft-wasm and, for the guest written in WAT, com.dylibso.chicory:wabt on the class path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WasmDispatchBench {

    /** The benchmark's contract. */
    @Contract(name = "bench.wasm", version = "1.0")
    public interface WasmCounter {
        int next(int n);

        int sum(byte[] data);
    }

    static final String GUEST = """
            (module
              (memory (export "memory") 1)
              (global $top (mut i32) (i32.const 1024))
              (func (export "graft_alloc") (param $size i32) (result i32)
                (local $p i32) (local $end i32) (local $have i32)
                (local.set $p (global.get $top))
                (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)))
                (local.set $have (i32.shl (memory.size) (i32.const 16)))
                (if (i32.gt_u (local.get $end) (local.get $have))
                  (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                                    (i32.const -1))
                          (then (return (i32.const 0))))))
                (global.set $top (local.get $end))
                (local.get $p))
              (func (export "graft_free") (param $p i32) (param $size i32)
                (if (i32.eq (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)) (global.get $top))
                  (then (global.set $top (local.get $p)))))
              (func (export "next") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "sum") (param $p i32) (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s)))
            """;

    static final String MANIFEST = "id = wasm-counter\nversion = 1.0.0\nprovides = bench.wasm@1.0\n";

    /** A 4 KiB argument, the same for both forms. */
    @State(Scope.Benchmark)
    public static class Data {
        final byte[] bytes = new byte[4096];

        @Setup(Level.Trial)
        public void setUp() {
            new Random(42).nextBytes(bytes);
        }
    }

    /** Each thread's own counter, so calls are not constant-folded. */
    @State(Scope.Thread)
    public static class Argument {
        int n;

        int next() {
            return n++;
        }
    }

    /** The compiled module, instantiated and called through Chicory's own API. */
    @State(Scope.Benchmark)
    public static class Raw {
        Machine machine;
        int nextIndex;
        int sumIndex;
        final long[] one = new long[1];
        final long[] two = new long[2];
        ExportFunction next;
        ExportFunction sum;
        Memory memory;
        int buffer;

        @Setup(Level.Trial)
        public void setUp() {
            WasmModule module = Parser.parse(Wat2Wasm.parse(GUEST));
            // the same memory implementation graft-wasm gives plugins (Chicory's default, ByteBufferMemory, is slower)
            Instance instance = Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module))
                    .withMemoryFactory(ByteArrayMemory::new).build();
            next = instance.export("next");
            sum = instance.export("sum");
            machine = instance.getMachine();
            nextIndex = functionIndex(module, "next");
            sumIndex = functionIndex(module, "sum");
            memory = instance.memory();
            buffer = (int) instance.export("graft_alloc").apply(4096)[0];
        }
    }

    static int functionIndex(WasmModule module, String name) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(name)) {
                return module.exportSection().getExport(i).index();
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** {@link Raw} for each calling thread: a Chicory instance is single-threaded. */
    @State(Scope.Thread)
    public static class OwnRaw extends Raw {
    }

    /** The same module loaded as a Graft plugin, called through the contract's proxy. */
    @State(Scope.Benchmark)
    public static class Plugin {
        Path dir;
        Graft graft;
        WasmCounter counter;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = BenchFolder.create("wasm-bench");
            Path artifact = Files.write(dir.resolve("counter.wasm"), ManifestSection.embed(Wat2Wasm.parse(GUEST), MANIFEST));
            graft = Graft.builder().contract(WasmCounter.class).build();
            graft.load(artifact);
            counter = graft.contract(WasmCounter.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graft.close();
            BenchFolder.delete(dir);
        }
    }

    @Benchmark
    public int rawChicory(Raw raw, Argument argument) {
        raw.one[0] = argument.next();
        return (int) raw.machine.call(raw.nextIndex, raw.one)[0];
    }

    @Benchmark
    public int rawChicoryExport(Raw raw, Argument argument) {
        return (int) raw.next.apply(argument.next())[0];
    }

    @Benchmark
    public int graft(Plugin plugin, Argument argument) {
        return plugin.counter.next(argument.next());
    }

    @Benchmark
    public int rawChicoryBytes4k(Raw raw, Data data) {
        raw.memory.write(raw.buffer, data.bytes);
        raw.two[0] = raw.buffer;
        raw.two[1] = data.bytes.length;
        return (int) raw.machine.call(raw.sumIndex, raw.two)[0];
    }

    @Benchmark
    public int graftBytes4k(Plugin plugin, Data data) {
        return plugin.counter.sum(data.bytes);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public int graftThroughput1(Plugin plugin, Argument argument) {
        return plugin.counter.next(argument.next());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public int graftThroughput2(Plugin plugin, Argument argument) {
        return plugin.counter.next(argument.next());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public int rawChicoryThroughput1(OwnRaw raw, Argument argument) {
        return rawChicory(raw, argument);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public int rawChicoryThroughput2(OwnRaw raw, Argument argument) {
        return rawChicory(raw, argument);
    }
}
