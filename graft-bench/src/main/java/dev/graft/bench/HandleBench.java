package dev.graft.bench;

import dev.graft.core.host.HandleScope;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.VersionHandles;
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
 * What a handle costs a host module that gives a guest a host object: a scoped handle (open a
 * scope, make the handle, resolve it as the guest's next host call would, close the scope) and an
 * owned one (make, resolve, release), against the baseline of handing the reference itself, which
 * a JVM plugin gets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class HandleBench {

    private final Object target = new StringBuilder("a host object");
    private HandleTable table;
    private VersionHandles handles;

    @Setup(Level.Trial)
    public void setUp() {
        table = new HandleTable();
        handles = table.open("bench@1.0.0#1");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        handles.retire();
    }

    /** The reference itself: what a JVM plugin gets. */
    @Benchmark
    public Object reference() {
        return target;
    }

    @Benchmark
    public Object scoped() {
        try (HandleScope scope = handles.scope()) {
            return handles.resolve(scope.handle(target), StringBuilder.class);
        }
    }

    @Benchmark
    public Object owned() {
        long handle = handles.owned(target);
        Object resolved = handles.resolve(handle, StringBuilder.class);
        handles.release(handle);
        return resolved;
    }
}
