package dev.graft.bench;

import dev.graft.bench.plugin.CounterV1;
import dev.graft.core.Invocation;
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
 * What a call by name costs ({@code Graft.invocation}, documented as not the fast path), beside
 * its baselines in the same run: the plugin's implementation called directly ({@code direct}) and
 * through Graft's contract proxy ({@code proxy}, the fast path, G6). {@code invocation} calls an
 * {@link Invocation} kept by the caller (arguments checked, reflection, boxing); {@code byName}
 * looks the contract and method up on every call, as a REPL or admin endpoint that keeps nothing does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CallByNameBench {

    @State(Scope.Benchmark)
    public static class Runtime {
        CounterRuntime runtime;
        Counter direct;
        Invocation next;

        @Setup(Level.Trial)
        public void setUp() {
            runtime = CounterRuntime.open(false);
            direct = new CounterV1();
            next = runtime.graft().invocation(CounterJars.PLUGIN_ID, "bench.counter", "next");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runtime.close();
        }
    }

    @Benchmark
    public int direct(Runtime r, Argument argument) {
        return r.direct.next(argument.next());
    }

    @Benchmark
    public int proxy(Runtime r, Argument argument) {
        return r.runtime.counter().next(argument.next());
    }

    @Benchmark
    public Object invocation(Runtime r, Argument argument) {
        return r.next.invoke(argument.next());
    }

    @Benchmark
    public Object byName(Runtime r, Argument argument) {
        return r.runtime.graft().invoke(CounterJars.PLUGIN_ID, "bench.counter", "next", argument.next());
    }
}
