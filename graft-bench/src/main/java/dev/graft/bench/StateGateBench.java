package dev.graft.bench;

import java.time.Duration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long callers wait while a plugin with state is reloaded: two threads call {@code add}
 * without pause while a background thread reloads the plugin every {@code pauseMs} milliseconds,
 * and JMH samples every call's time, so its percentiles show the calls that met a quiesce gate
 * (the old version closed to new calls while its calls in flight finish, its state is mapped and
 * the new version starts). The baseline is the same run's {@code form=STATELESS}: the same reloads
 * of a plugin without state, whose callers never wait.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class StateGateBench {

    @Param({"STATELESS", "SAME_SHAPE", "SHAPE_CHANGE"})
    public StateForm form;

    @Param("10")
    public int pauseMs;

    private TallyRuntime runtime;
    private Tally tally;
    private Reloader reloader;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = TallyRuntime.open(form);
        tally = runtime.tally();
        reloader = Reloader.start(runtime::reloadOther, Duration.ofMillis(pauseMs));
    }

    @Benchmark
    public long add() {
        return tally.add(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            reloader.close(); // a reload that failed fails the benchmark here
        } finally {
            runtime.close();
        }
    }
}
