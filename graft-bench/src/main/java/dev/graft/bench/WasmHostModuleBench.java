package dev.graft.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.graft.api.Contract;
import dev.graft.api.HostModule;
import dev.graft.core.Graft;
import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one host module call from a wasm guest, against a plain Java call of the same
 * implementation. The guest calls the host function in a loop of {@link #CALLS} (one contract call
 * per benchmark invocation, so the contract call's own cost is spread over a thousand host calls);
 * average time per host call:
 *
 * <ul>
 *   <li>{@code javaInt}, {@code javaString}, {@code javaStringResult}: the implementation called
 *       from Java through its interface, each result consumed (so the loop is not folded away),
 *       the baseline;</li>
 *   <li>{@code wasmLocalInt}: the same guest loop calling a wasm function of its own that does the
 *       same work, so the loop's and wasm's own call cost can be told apart;</li>
 *   <li>{@code rawChicoryInt}: the guest loop calling a bare Chicory {@code HostFunction} lambda
 *       that calls the implementation and packs the same status word (no status handling, no
 *       exception handler): Chicory's own host call cost;</li>
 *   <li>{@code graftInt}: {@code int add(int, int)} through graft-wasm's generated host function
 *       (the result in the status word); {@code graftString}: {@code int length(String)}, a
 *       16-byte string read from guest memory and checked as UTF-8; {@code graftStringResult}:
 *       {@code String echo(String)}, the result written into guest memory through the guest's
 *       graft_alloc and freed by the guest.</li>
 * </ul>
 *
 * <p>Needs graft-wasm and com.dylibso.chicory:wabt (the guest is written in WAT) on the class path.
 * <pre>
 * java -jar graft-bench/target/benchmarks.jar WasmHostModuleBench -f 2 -wi 4 -i 5 -w 1 -r 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WasmHostModuleBench {

    static final int CALLS = 1000;

    /** The host module the guest calls. */
    @HostModule(name = "bench.kit", version = "1.0")
    public interface BenchKit {
        int add(int a, int b);

        int length(String text);

        String echo(String text);
    }

    /** The plain implementation, the same for every form. */
    public static final class Kit implements BenchKit {
        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public int length(String text) {
            return text.length();
        }

        @Override
        public String echo(String text) {
            return text;
        }
    }

    /** What the benchmark calls into the guest: each loops over a host (or local) function {@code n} times. */
    @Contract(name = "bench.hostcalls", version = "1.0")
    public interface Loops {
        int addLoop(int n);

        int localLoop(int n);

        int lengthLoop(int n);

        int echoLoop(int n);
    }

    static final String GUEST = """
            (module
              (import "bench.kit" "add" (func $add (param i32 i32) (result i64)))
              (import "bench.kit" "length" (func $length (param i32 i32) (result i64)))
              (import "bench.kit" "echo" (func $echo (param i32 i32 i32) (result i64)))
              (memory (export "memory") 1)
              (global $top (mut i32) (i32.const 4096))
              (func $alloc (export "graft_alloc") (param $size i32) (result i32)
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
              (func $free (export "graft_free") (param $p i32) (param $size i32)
                (if (i32.eq (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)) (global.get $top))
                  (then (global.set $top (local.get $p)))))
              (data (i32.const 16) "sixteen bytes ok")
              ;; the same work as the host's add, and the same status word
              (func $local (param i32 i32) (result i64) (i64.extend_i32_u (i32.add (local.get 0) (local.get 1))))
              (func (export "addLoop") (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.wrap_i64 (call $add (local.get $i) (i32.const 1)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s))
              (func (export "localLoop") (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.wrap_i64 (call $local (local.get $i) (i32.const 1)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s))
              (func (export "lengthLoop") (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.wrap_i64 (call $length (i32.const 16) (i32.const 16)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s))
              (func (export "echoLoop") (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (drop (call $echo (i32.const 16) (i32.const 16) (i32.const 1024)))
                  (local.set $s (i32.add (local.get $s) (i32.load (i32.const 1028))))
                  (call $free (i32.load (i32.const 1024)) (i32.load (i32.const 1028)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $s)))
            """;

    static final String MANIFEST = "id = host-calls\nversion = 1.0.0\nprovides = bench.hostcalls@1.0\nimports = bench.kit@1.0\n";

    /** The implementation called from Java, through its interface as a guest's call reaches it. */
    @State(Scope.Benchmark)
    public static class Java {
        BenchKit kit = new Kit();
        String text = "sixteen bytes ok";
    }

    /** The guest instantiated on bare Chicory, its imports bare HostFunction lambdas (only add is benchmarked). */
    @State(Scope.Benchmark)
    public static class Raw {
        ExportFunction addLoop;

        @Setup(Level.Trial)
        public void setUp() {
            BenchKit kit = new Kit();
            WasmModule module = Parser.parse(Wat2Wasm.parse(GUEST));
            FunctionType word = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));
            ImportValues imports = ImportValues.builder()
                    .addFunction(new HostFunction("bench.kit", "add", word,
                            (instance, args) -> new long[] {Integer.toUnsignedLong(kit.add((int) args[0], (int) args[1]))}))
                    .addFunction(new HostFunction("bench.kit", "length", word, (instance, args) -> new long[] {0}))
                    .addFunction(new HostFunction("bench.kit", "echo",
                            FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I64)),
                            (instance, args) -> new long[] {0}))
                    .build();
            Instance instance = Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module))
                    .withMemoryFactory(ByteArrayMemory::new).withImportValues(imports).build();
            addLoop = instance.export("addLoop");
        }
    }

    /** The guest loaded as a Graft plugin importing bench.kit, called through the contract's proxy. */
    @State(Scope.Benchmark)
    public static class Plugin {
        Path dir;
        Graft graft;
        Loops loops;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = BenchFolder.create("wasm-host-bench");
            Path artifact = Files.write(dir.resolve("host-calls.wasm"), ManifestSection.embed(Wat2Wasm.parse(GUEST), MANIFEST));
            graft = Graft.builder().contract(Loops.class)
                    .hostModule(BenchKit.class, context -> new Kit())
                    .grant("host-calls", BenchKit.class)
                    .build();
            graft.load(artifact);
            loops = graft.contract(Loops.class);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graft.close();
            BenchFolder.delete(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void javaInt(Java java, Blackhole out) {
        for (int i = 0; i < CALLS; i++) {
            out.consume(java.kit.add(i, 1));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int wasmLocalInt(Plugin plugin) {
        return plugin.loops.localLoop(CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int rawChicoryInt(Raw raw) {
        return (int) raw.addLoop.apply(CALLS)[0];
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int graftInt(Plugin plugin) {
        return plugin.loops.addLoop(CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void javaString(Java java, Blackhole out) {
        for (int i = 0; i < CALLS; i++) {
            out.consume(java.kit.length(java.text));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int graftString(Plugin plugin) {
        return plugin.loops.lengthLoop(CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void javaStringResult(Java java, Blackhole out) {
        for (int i = 0; i < CALLS; i++) {
            out.consume(java.kit.echo(java.text));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int graftStringResult(Plugin plugin) {
        return plugin.loops.echoLoop(CALLS);
    }
}
