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
 * What a library shaded into a JVM plugin's jar adds to its reload: the same benchmark plugin as
 * {@link ReloadBench}, alone ({@code none}, the baseline) and with the Kotlin standard library in
 * its jar ({@code kotlin-stdlib}), as a Kotlin plugin built with the shade plugin carries it.
 * Every entry of the jar is read and its CRC checked when a version is prepared, and the classes
 * are searched for contract annotations, so this is where a big jar costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ReloadBundledLibraryBench {

    @Param({"none", "kotlin-stdlib"})
    public String bundled;

    private CounterRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = CounterRuntime.openBundling(bundled.equals("none") ? Map.of() : KotlinStdlib.entries());
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
