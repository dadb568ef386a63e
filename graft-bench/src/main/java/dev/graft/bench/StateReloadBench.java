package dev.graft.bench;

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
 * How long {@code reload} takes for a JVM plugin with state (its state read at the quiesce point,
 * mapped and installed in the new version before it starts), with and without a change of shape,
 * against the same reload of the plugin without state ({@code form=STATELESS}), in one run. No call
 * runs meanwhile, so the quiesce itself costs nothing here; StateGateBench measures the callers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StateReloadBench {

    @Param({"STATELESS", "SAME_SHAPE", "SHAPE_CHANGE"})
    public StateForm form;

    private TallyRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = TallyRuntime.open(form);
        runtime.tally().add(42);
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
