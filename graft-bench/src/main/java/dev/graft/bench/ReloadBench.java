package dev.graft.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code reload} takes for a JVM plugin whose jar is already built: copy, read and check
 * the jar, new class loader, link, start, publish; the old version is retired on Graft's own
 * thread, so its cost shows only as background work. Each call alternates the two versions.
 *
 * <p>Average time, not single shot: a reload takes a fraction of a millisecond, so the timer
 * costs nothing against it, and a one-second iteration averages thousands of reloads (GC of
 * retired class loaders included). That is the steady cost once the JIT has compiled Graft's
 * reload path; the first reloads in a fresh JVM cost more, measured with {@code -bm ss} (see
 * BENCHMARKS.md).
 *
 * <p>{@code bundled}: the plugin alone ({@code none}, the baseline), or with the Kotlin standard
 * library in its jar ({@code kotlin-stdlib}, about 1100 entries), as a Kotlin plugin built with
 * the shade plugin carries it. Every entry of the jar is read and its CRC checked when a version is
 * prepared, so this is what a big jar adds to a reload.
 *
 * <p>{@code signed}: the jars signed, in a runtime that trusts the key and requires signatures
 * ({@code true}), against the same without ({@code false}, the baseline): what the Ed25519 check
 * of every byte of Graft's copy adds to a reload.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ReloadBench {

    @Param({"none", "kotlin-stdlib"})
    public String bundled;

    @Param({"false", "true"})
    public boolean signed;

    private CounterRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, byte[]> entries = bundled.equals("none") ? Map.of() : KotlinStdlib.entries();
        runtime = signed ? CounterRuntime.openSigned(entries) : CounterRuntime.openBundling(entries);
    }

    @Benchmark
    public void reload() {
        runtime.reloadOther();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }
}
