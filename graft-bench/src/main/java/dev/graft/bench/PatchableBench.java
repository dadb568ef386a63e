package dev.graft.bench;

import dev.graft.core.Graft;
import dev.graft.core.patch.Patchable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
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
 * The cost of a call through a patchable function (G6): the same body called directly
 * ({@code direct}, the baseline) and through the function ({@code graft}) after it was patched
 * and restored many times; both again while another thread patches it every 100 ms
 * ({@code directWhilePatching}, whose background thread patches a function the baseline does not
 * call, so both pay the same background work, and {@code graftWhilePatching}); and the time
 * {@code patch()} itself takes ({@code patch}, sampled: read its p50), to compare with the
 * hotpatch crate's swap, which waits for every call in flight.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PatchableBench {

    /** The rule the host patches in: a little arithmetic, a class of its own so that its call can be inlined. */
    public static final class Rule implements IntUnaryOperator {
        private final int add;

        Rule(int add) {
            this.add = add;
        }

        @Override
        public int applyAsInt(int price) {
            return price * 3 + add;
        }
    }

    /** The body, called directly through its interface. */
    @State(Scope.Benchmark)
    public static class Direct {
        IntUnaryOperator function;

        @Setup(Level.Trial)
        public void setUp() {
            function = new Rule(1);
        }
    }

    /** A runtime with the patchable function {@code price}. */
    abstract static class Runtime {
        Graft graft;
        Patchable<IntUnaryOperator> patchable;
        IntUnaryOperator function;
        final Rule one = new Rule(1);
        final Rule two = new Rule(2);

        void open() {
            graft = Graft.builder().build();
            patchable = graft.patchable("price", IntUnaryOperator.class, price -> price);
            function = patchable.function();
        }

        void close() {
            graft.close();
        }
    }

    /** The function after 1,000 patches and restores, left patched with the body {@code direct} calls. */
    @State(Scope.Benchmark)
    public static class Patched extends Runtime {
        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            open();
            for (int i = 0; i < 1_000; i++) {
                patchable.patch(i % 2 == 0 ? one : two);
                patchable.restore();
            }
            patchable.patch(one);
            Thread.sleep(1_200); // past a patchable function's settling time (1 s): the function is bound to the body again
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** The function while a background thread patches it every 100 ms, between two bodies of the same cost. */
    @State(Scope.Benchmark)
    public static class Patching extends Runtime {
        private Reloader patcher;
        private boolean flip; // the patcher's thread only

        @Setup(Level.Trial)
        public void setUp() {
            open();
            patchable.patch(one);
            patcher = Reloader.start(() -> {
                flip = !flip;
                patchable.patch(flip ? two : one);
            }, Duration.ofMillis(100));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                patcher.close();
                System.out.println("(" + patcher.reloads() + " patches during the trial)");
            } finally {
                close();
            }
        }
    }

    /** What {@code patch} swaps between. */
    @State(Scope.Thread)
    public static class Swapping extends Runtime {
        boolean flip;

        @Setup(Level.Trial)
        public void setUp() {
            open();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    @Benchmark
    public int direct(Direct target, Argument argument) {
        return target.function.applyAsInt(argument.next());
    }

    @Benchmark
    public int graft(Patched target, Argument argument) {
        return target.function.applyAsInt(argument.next());
    }

    /** {@code background} is not called: it is there so that its patches run during this benchmark too. */
    @Benchmark
    public int directWhilePatching(Direct target, Patching background, Argument argument) {
        return target.function.applyAsInt(argument.next());
    }

    @Benchmark
    public int graftWhilePatching(Patching target, Argument argument) {
        return target.function.applyAsInt(argument.next());
    }

    /** One {@code patch()}, alternating two bodies: read the p50 of the sample. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void patch(Swapping state) {
        state.flip = !state.flip;
        state.patchable.patch(state.flip ? state.two : state.one);
    }
}
