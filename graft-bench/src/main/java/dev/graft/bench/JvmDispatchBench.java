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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The cost of a call through a JVM plugin's contract (G6): the same method, called directly
 * through the interface ({@code direct}, the baseline) and through Graft's contract proxy
 * ({@code graft}); and through the proxy of a version whose calls are counted because it must
 * drain before it stops ({@code graftCounted}), the price of draining. {@code directLabel} and
 * {@code graftLabel} are the same pair on a method that does a little work.
 *
 * <p>The {@code ...AfterReloads} variants measure the same calls once the plugin has been reloaded
 * while in use: every reload brings a new implementation class (a new class loader), and a proxy
 * that called through one type profile would remember the old ones (Graft's first proxy did;
 * BENCHMARKS.md). The reloads run during warm-up only, so the measurement itself sees no
 * background work.
 *
 * <p>Each state is set up once per fork, outside the measured methods; JMH runs each method in
 * forks of its own, so one method's calls do not shape another's type profiles.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JvmDispatchBench {

    /** The plugin's implementation class, instantiated by the host, held as the contract type. */
    @State(Scope.Benchmark)
    public static class Direct {
        Counter counter;

        @Setup(Level.Trial)
        public void setUp() {
            counter = new CounterV1();
        }
    }

    /** The plugin loaded by Graft; its calls are not counted. */
    @State(Scope.Benchmark)
    public static class Plain {
        CounterRuntime runtime;
        Counter counter;

        @Setup(Level.Trial)
        public void setUp() {
            runtime = CounterRuntime.open(false);
            counter = runtime.counter();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runtime.close();
        }
    }

    /** The plugin loaded by Graft with a stop hook, so its calls are counted. */
    @State(Scope.Benchmark)
    public static class Drained {
        CounterRuntime runtime;
        Counter counter;

        @Setup(Level.Trial)
        public void setUp() {
            runtime = CounterRuntime.open(true);
            counter = runtime.counter();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runtime.close();
        }
    }

    /** A runtime whose plugin is reloaded every 100 ms during warm-up, and no more once measurement starts. */
    abstract static class ReloadedInWarmup {
        CounterRuntime runtime;
        Counter counter;
        private Reloader reloader;

        void open(boolean drained) {
            runtime = CounterRuntime.open(drained);
            counter = runtime.counter();
        }

        /** Starts reloading with the first warm-up iteration; stops before the first measurement iteration. */
        void iteration(IterationParams params) {
            boolean warmup = params.getType() == IterationType.WARMUP;
            if (warmup && reloader == null) {
                reloader = Reloader.start(runtime::reloadOther, Duration.ofMillis(100));
            } else if (!warmup && reloader != null) {
                reloader.close();
                // shown in JMH's output: evidence that the reloads happened (none with -wi 0)
                System.out.println("(" + reloader.reloads() + " reloads during warm-up)");
                reloader = null;
            }
        }

        void close() {
            try {
                if (reloader != null) {
                    reloader.close();
                }
            } finally {
                runtime.close();
            }
        }
    }

    /** The plugin, uncounted, reloaded during warm-up. */
    @State(Scope.Benchmark)
    public static class PlainReloaded extends ReloadedInWarmup {
        @Setup(Level.Trial)
        public void setUp() {
            open(false);
        }

        @Setup(Level.Iteration)
        public void setUpIteration(IterationParams params) {
            iteration(params);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** The plugin with a stop hook (its calls counted), reloaded during warm-up. */
    @State(Scope.Benchmark)
    public static class DrainedReloaded extends ReloadedInWarmup {
        @Setup(Level.Trial)
        public void setUp() {
            open(true);
        }

        @Setup(Level.Iteration)
        public void setUpIteration(IterationParams params) {
            iteration(params);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** The harness and the argument alone, no call: what every other figure here includes. */
    @Benchmark
    public int baseline(Argument argument) {
        return argument.next();
    }

    @Benchmark
    public int direct(Direct target, Argument argument) {
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

    @Benchmark
    public String directLabel(Direct target, Argument argument) {
        return target.counter.label(argument.next());
    }

    @Benchmark
    public String graftLabel(Plain target, Argument argument) {
        return target.counter.label(argument.next());
    }

    @Benchmark
    public int graftAfterReloads(PlainReloaded target, Argument argument) {
        return target.counter.next(argument.next());
    }

    @Benchmark
    public int graftCountedAfterReloads(DrainedReloaded target, Argument argument) {
        return target.counter.next(argument.next());
    }
}
