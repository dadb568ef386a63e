package dev.graft.bench;

import dev.graft.api.Contract;
import dev.graft.api.HostModule;
import dev.graft.core.Graft;
import dev.graft.natives.CBindgen;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * The cost of a host module call from a native guest (an FFM upcall through the table Graft hands
 * the guest at init), against a plain Java call of the same implementation, and against a raw FFM
 * upcall stub of it:
 *
 * <ul>
 *   <li>{@code java}: {@code BenchHost.next(n)} called from Java, through the interface, as a JVM
 *       plugin calls a host module. The floor: the JIT inlines it (the measured time is mostly
 *       the benchmark's own argument and result handling).</li>
 *   <li>{@code rawUpcall}: the same method through a raw FFM upcall stub ({@code int -> int}, no
 *       status word, no exception handler), called {@value #TIMES} times by a C loop inside one
 *       downcall: what any upcall costs, Graft or not.</li>
 *   <li>{@code graftUpcall}: the same loop through Graft's table (graft.h's convention: a
 *       graft_result word, the status checked by the guest, the target wrapped in the handler
 *       that turns exceptions into statuses).</li>
 *   <li>{@code graftDowncallAlone} / {@code graftDowncallAndUpcall}: a contract call into the
 *       guest without and with one host call in it, as a plugin does it in practice.</li>
 * </ul>
 *
 * <p>The loops report time per upcall ({@link OperationsPerInvocation}), so the downcall that runs
 * them is spread over {@value #TIMES} upcalls; {@code rawUpcall} and {@code graftUpcall} differ
 * only by what Graft adds to an upcall. Expect an upcall to cost tens of nanoseconds against a
 * nanosecond or so for {@code java}: each upcall moves the thread from native back to Java state
 * and back (FFM's price, the same for raw stubs). A draft run (2 forks, 5 iterations, a 2-core
 * x86-64 machine, JDK 25) measured: java 0.57 ± 0.07 ns, rawUpcall 26.7 ± 4.8 ns, graftUpcall
 * 26.5 ± 2.4 ns, graftDowncallAlone 19.0 ± 0.5 ns, graftDowncallAndUpcall 48.0 ± 4.9 ns. Graft's
 * status word and handler add nothing measurable to the upcall itself.
 *
 * <p>Needs gcc on PATH and graft.h: the system property {@code graft.sdk.c} names sdk/c, or it is
 * found by walking up from the working directory. The plugin's source, {@code native_host_bench.c},
 * is a resource beside this class (src/main/resources/dev/graft/bench/ in graft-bench); its headers
 * are written by {@link CBindgen} at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NativeHostModuleBench {

    static final int TIMES = 1_000;

    /** The host module the guest calls. */
    @HostModule(name = "bench.host", version = "1.0")
    public interface BenchHost {
        int next(int n);
    }

    /** The contract of the guest that calls it. */
    @Contract(name = "bench.hostcaller", version = "1.0")
    public interface HostCaller {
        int alone(int n);

        int once(int n);

        int loop(int n, int times);
    }

    /** The host's implementation: the same object for every path measured. */
    public static final class Next implements BenchHost {
        @Override
        public int next(int n) {
            return n + 1;
        }
    }

    @State(Scope.Benchmark)
    public static class Plugin {
        Path dir;
        Graft graft;
        HostCaller caller;
        BenchHost host = new Next();
        Arena arena;
        MethodHandle rawLoop;
        MemorySegment rawNext;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = BenchFolder.create("graft-bench-native-host-");
            CBindgen.write(BenchHost.class, dir);
            CBindgen.write(HostCaller.class, dir);
            Path source = dir.resolve("native_host_bench.c");
            try (var in = NativeHostModuleBench.class.getResourceAsStream("native_host_bench.c")) {
                Files.copy(in, source);
            }
            Path library = NativeGuests.compile(dir, source, "host-bench.so");
            BenchHost shared = host;
            graft = Graft.builder().contract(HostCaller.class)
                    .hostModule(BenchHost.class, context -> shared)
                    .grant("bench-hostcaller", BenchHost.class)
                    .build();
            graft.load(library);
            caller = graft.contract(HostCaller.class);

            // the raw path: the library's bench_raw_loop calling a plain FFM upcall stub of the same object
            arena = Arena.ofShared();
            Linker linker = Linker.nativeLinker();
            MethodHandle next = MethodHandles.publicLookup()
                    .findVirtual(BenchHost.class, "next", MethodType.methodType(int.class, int.class)).bindTo(host);
            rawNext = linker.upcallStub(next, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), arena);
            rawLoop = linker.downcallHandle(SymbolLookup.libraryLookup(library, arena).find("bench_raw_loop").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            graft.close();
            arena.close();
            BenchFolder.delete(dir);
        }
    }

    /**
     * The plain Java call: the host module as a JVM plugin reaches it. One call per operation (a
     * loop of them would be folded by the JIT into one addition).
     */
    @Benchmark
    public int java(Plugin plugin, Argument argument) {
        return plugin.host.next(argument.next());
    }

    /** A raw FFM upcall stub, per upcall. */
    @Benchmark
    @OperationsPerInvocation(TIMES)
    public int rawUpcall(Plugin plugin, Argument argument) throws Throwable {
        return (int) plugin.rawLoop.invokeExact(plugin.rawNext, argument.next(), TIMES);
    }

    /** Graft's table, per upcall. */
    @Benchmark
    @OperationsPerInvocation(TIMES)
    public int graftUpcall(Plugin plugin, Argument argument) {
        return plugin.caller.loop(argument.next(), TIMES);
    }

    /** A contract call into the guest, which makes no host call. */
    @Benchmark
    public int graftDowncallAlone(Plugin plugin, Argument argument) {
        return plugin.caller.alone(argument.next());
    }

    /** A contract call into the guest, which makes one host call. */
    @Benchmark
    public int graftDowncallAndUpcall(Plugin plugin, Argument argument) {
        return plugin.caller.once(argument.next());
    }
}
