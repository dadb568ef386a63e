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
 * What a call costs into a JVM plugin version with state, against the same plugin without state
 * (the baseline, {@code form=STATELESS}), in one run: {@code peek} touches nothing, so it measures
 * the way into the version (a version with state has its calls counted, for the quiesce point);
 * {@code add} adds to the plugin's count, in a field of its own ({@code AtomicLong}) without state,
 * in its state cell (a compare-and-set of a new record) with it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class StateCallBench {

    @Param({"STATELESS", "SAME_SHAPE"})
    public StateForm form;

    private TallyRuntime runtime;
    private Tally tally;
    private int n;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = TallyRuntime.open(form);
        tally = runtime.tally();
    }

    @Benchmark
    public int peek() {
        return tally.peek(n++);
    }

    @Benchmark
    public long add() {
        return tally.add(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }
}
