package dev.graft.bench;

import dev.graft.bench.plugin.CounterV1;
import java.time.Duration;
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
 * {@link JvmDispatchBench} while another thread reloads the plugin every {@value #PAUSE_MS} ms,
 * alternating two versions. Every benchmark, the direct baseline included, runs beside one
 * reloading runtime, so all of them pay the same background work (class loading, GC, one of
 * the two cores); what differs is only the way to the method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JvmDispatchUnderReloadBench {

    static final long PAUSE_MS = 100;

    /** A runtime whose plugin a background thread keeps reloading. */
    abstract static class Reloading {
        CounterRuntime runtime;
        Counter counter;
        private Reloader reloader;

        void start(boolean drained) {
            runtime = CounterRuntime.open(drained);
            counter = runtime.counter();
            reloader = Reloader.start(runtime::reloadOther, Duration.ofMillis(PAUSE_MS));
        }

        void stop() {
            try {
                reloader.close();
                // shown in JMH's output: evidence that reloads really ran during the trial
                System.out.println("(" + reloader.reloads() + " reloads during the trial)");
            } finally {
                runtime.close();
            }
        }
    }

    /** The plugin, uncounted, reloaded in the background. */
    @State(Scope.Benchmark)
    public static class Plain extends Reloading {
        @Setup(Level.Trial)
        public void setUp() {
            start(false);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** The plugin with a stop hook (its calls counted), reloaded in the background. */
    @State(Scope.Benchmark)
    public static class Drained extends Reloading {
        @Setup(Level.Trial)
        public void setUp() {
            start(true);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** The baseline's target: the implementation class, instantiated by the host. */
    @State(Scope.Benchmark)
    public static class Direct {
        Counter counter;

        @Setup(Level.Trial)
        public void setUp() {
            counter = new CounterV1();
        }
    }

    /** {@code background} is not called: it is there so that its reloads run during this benchmark too. */
    @Benchmark
    public int direct(Direct target, Plain background, Argument argument) {
        return target.counter.next(argument.next());
    }

    @Benchmark
    public int graft(Plain target, Argument argument) {
        return target.counter.next(argument.next());
    }

    @Benchmark
    public int graftCounted(Drained target, Argument argument) {
        return target.counter.next(argument.next());
    }
}
