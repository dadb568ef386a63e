package dev.graft.bench;

import dev.graft.api.Contract;
import dev.graft.core.Graft;
import dev.graft.core.PluginInfo;
import dev.graft.natives.CBindgen;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a call through a native plugin's contract (G6), against a raw FFM downcall to the
 * same C function with the same linker options:
 *
 * <ul>
 *   <li>{@code rawFfm} / {@code graft}: {@code int -> int}. The raw call checks the status half of
 *       the returned graft_result word, as any correct caller of that function must.
 *       {@code rawFfmShared} is the same raw call on the library loaded into a shared arena, the
 *       way raw FFM code must load a library it wants to unload safely.</li>
 *   <li>{@code rawFfmCritical} / {@code graftCritical}: the same {@code int -> int} function,
 *       declared GRAFT_FN_CRITICAL (raw: {@code Linker.Option.critical(false)}), which skips the
 *       thread-state transition: what a guest author gains by the flag.</li>
 *   <li>{@code rawFfmBytes} / {@code graftBytes}: a 4 KiB {@code byte[]} argument, summed by a
 *       function declared GRAFT_FN_CRITICAL, so both pass the heap array without copying it.</li>
 *   <li>{@code reload}: the latency of reloading the native plugin (copy, ELF check, dlopen,
 *       descriptor, link, publish), alternating two builds; the old library is unmapped on
 *       Graft's retire thread once the garbage collector proves it unused.</li>
 * </ul>
 *
 * <p>{@code rawFfm} targets the library as loaded into {@link Arena#global()}, the cheapest raw FFM
 * can do: no arena acquire per call, and the library can never be unloaded. Graft's call is not
 * counted: a retired version is unmapped once the garbage collector finds its implementations
 * unreachable (docs/native-plugins.md, "Why unmapping is safe"), so its call path is the same
 * downcall, inlined from the slot proxy down to {@code linkToNative}, plus nothing that costs an
 * instruction. {@code rawFfmShared} shows what the other safe way costs: FFM's per-call acquire and
 * release of a shared arena, two atomic updates.
 *
 * <p>Needs gcc on PATH and graft.h: the system property {@code graft.sdk.c} names sdk/c, or it is
 * found by walking up from the working directory. The plugin's source, {@code native_bench.c}, is a
 * resource beside this class (src/main/resources/dev/graft/bench/ in graft-bench, which needs
 * graft-native as a dependency); its header is written by {@link CBindgen} at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NativeDispatchBench {

    /** The library the raw handles call, named by {@link Plugin#setUp} before it makes them. */
    static volatile Path rawLibrary;

    /**
     * The raw downcall handles, as static finals: constants to the JIT, as Graft's own handles
     * are, so that the raw call is the cheapest raw FFM call there is. Made once per fork, when
     * {@link Plugin#setUp} has built the library and named it in {@link #rawLibrary}.
     */
    static final class Raw {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup GLOBAL = SymbolLookup.libraryLookup(rawLibrary, Arena.global());
        /** The same library in a shared arena, which FFM acquires around each call: it could be unloaded. */
        private static final SymbolLookup SHARED = SymbolLookup.libraryLookup(rawLibrary, Arena.ofShared());
        private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);

        static final MethodHandle NEXT = LINKER.downcallHandle(GLOBAL.find("bench_native_next").orElseThrow(), INT_INT);
        static final MethodHandle NEXT_SHARED = LINKER.downcallHandle(SHARED.find("bench_native_next").orElseThrow(), INT_INT);
        static final MethodHandle QUICK = LINKER.downcallHandle(GLOBAL.find("bench_native_quick").orElseThrow(), INT_INT,
                Linker.Option.critical(false));
        static final MethodHandle SUM = LINKER.downcallHandle(GLOBAL.find("bench_native_sum").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), Linker.Option.critical(true));

        static void touch() {
        }
    }

    /** The contract the benchmark plugin provides. */
    @Contract(name = "bench.native", version = "1.0")
    public interface NativeBench {
        int next(int n);

        /** The same as next, declared GRAFT_FN_CRITICAL by the plugin. */
        int quick(int n);

        int sum(byte[] bytes);
    }

    /** The plugin built twice (step 1 and 2), loaded by Graft, and its functions as raw downcall handles. */
    @State(Scope.Benchmark)
    public static class Plugin {
        Path dir;
        Path v1;
        Path v2;
        Graft graft;
        NativeBench bench;
        byte[] bytes = new byte[4096];
        int reloads;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = BenchFolder.create("graft-bench-native-");
            CBindgen.write(NativeBench.class, dir);
            Path source = dir.resolve("native_bench.c");
            try (var in = NativeDispatchBench.class.getResourceAsStream("native_bench.c")) {
                Files.copy(in, source);
            }
            v1 = NativeGuests.compile(dir, source, "bench-v1.so", "STEP=1");
            v2 = NativeGuests.compile(dir, source, "bench-v2.so", "STEP=2");
            graft = Graft.builder().contract(NativeBench.class).build();
            graft.load(v1);
            bench = graft.contract(NativeBench.class);

            rawLibrary = v1;
            Raw.touch(); // makes the raw handles now, from rawLibrary
            ThreadLocalRandom.current().nextBytes(bytes);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            graft.close();
            BenchFolder.delete(dir);
        }
    }

    @Benchmark
    public int rawFfm(Plugin plugin, Argument argument) throws Throwable {
        long word = (long) Raw.NEXT.invokeExact(argument.next());
        if (word >>> 32 != 0) {
            throw new IllegalStateException("status " + (word >>> 32));
        }
        return (int) word;
    }

    /** The raw call on a library loaded so that it can be unloaded (a shared arena): what safe unloading costs raw FFM. */
    @Benchmark
    public int rawFfmShared(Plugin plugin, Argument argument) throws Throwable {
        long word = (long) Raw.NEXT_SHARED.invokeExact(argument.next());
        if (word >>> 32 != 0) {
            throw new IllegalStateException("status " + (word >>> 32));
        }
        return (int) word;
    }

    @Benchmark
    public int graft(Plugin plugin, Argument argument) {
        return plugin.bench.next(argument.next());
    }

    @Benchmark
    public int rawFfmCritical(Plugin plugin, Argument argument) throws Throwable {
        long word = (long) Raw.QUICK.invokeExact(argument.next());
        if (word >>> 32 != 0) {
            throw new IllegalStateException("status " + (word >>> 32));
        }
        return (int) word;
    }

    @Benchmark
    public int graftCritical(Plugin plugin, Argument argument) {
        return plugin.bench.quick(argument.next());
    }

    @Benchmark
    public int rawFfmBytes(Plugin plugin) throws Throwable {
        long word = (long) Raw.SUM.invokeExact(MemorySegment.ofArray(plugin.bytes), (long) plugin.bytes.length);
        if (word >>> 32 != 0) {
            throw new IllegalStateException("status " + (word >>> 32));
        }
        return (int) word;
    }

    @Benchmark
    public int graftBytes(Plugin plugin) {
        return plugin.bench.sum(plugin.bytes);
    }

    /** Reload latency, in microseconds per reload (this one's output unit differs: see the class comment). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PluginInfo reload(Plugin plugin) {
        return plugin.graft.reload("bench-native", plugin.reloads++ % 2 == 0 ? plugin.v2 : plugin.v1);
    }
}
