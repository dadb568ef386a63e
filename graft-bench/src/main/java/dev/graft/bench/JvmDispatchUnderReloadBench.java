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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link JvmDispatchBench} while another thread reloads the plugin every {@code pauseMs} ms,
 * alternating two versions: 100 ms (reloads far enough apart that each binds the proxy to the new
 * version, which deoptimises the callers once per reload) or 5 ms (reloads in quick succession, so
 * the proxies read the plugin's target array until the reloads stop; SlotGroup). Every
 * benchmark, the direct baseline included, runs beside one reloading runtime, so all of them pay
 * the same background work (class loading, GC, one of the two cores); what differs is only the
 * way to the method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JvmDispatchUnderReloadBench {

    /** A runtime whose plugin a background thread keeps reloading. */
    abstract static class Reloading {
        CounterRuntime runtime;
        Counter counter;
        private Reloader reloader;

        void start(boolean drained, long pauseMs) {
            runtime = CounterRuntime.open(drained);
            counter = runtime.counter();
            reloader = Reloader.start(runtime::reloadOther, Duration.ofMillis(pauseMs));
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
        @Param({"100", "5"})
        public long pauseMs;

        @Setup(Level.Trial)
        public void setUp() {
            start(false, pauseMs);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stop();
        }
    }

    /** The plugin with a stop hook (its calls counted), reloaded in the background. */
    @State(Scope.Benchmark)
    public static class Drained extends Reloading {
        @Param({"100", "5"})
        public long pauseMs;

        @Setup(Level.Trial)
        public void setUp() {
            start(true, pauseMs);
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
