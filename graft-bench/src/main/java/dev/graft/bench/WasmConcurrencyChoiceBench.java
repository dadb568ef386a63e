package dev.graft.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement behind graft-wasm's choice of an instance pool (docs/wasm-plugins.md): three
 * ways to serve concurrent calls to a single-threaded Chicory instance, each with one and two
 * calling threads, calls per microsecond. Bare Chicory, no Graft, so only the designs differ:
 * {@code serial} (one instance behind a lock), {@code pool} (lanes taken and given back with a CAS
 * each, as graft-wasm's InstancePool), {@code perThread} (a ThreadLocal instance, released with a
 * CAS for the deadline handshake).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class WasmConcurrencyChoiceBench {

    static final String GUEST = "(module (func (export \"next\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))";

    /** One instance and its state word. */
    static final class Lane {
        final AtomicLong state = new AtomicLong();
        final ExportFunction next;
        final long[] args = new long[1];

        Lane(ExportFunction next) {
            this.next = next;
        }

        int call(int n) {
            args[0] = n;
            return (int) next.apply(args)[0];
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private Lane single;
    private Lane[] lanes;
    private ThreadLocal<Lane> perThread;

    @Setup
    public void setUp() {
        WasmModule module = Parser.parse(Wat2Wasm.parse(GUEST));
        Function<Instance, Machine> machines = MachineFactoryCompiler.compile(module);
        java.util.function.Supplier<Lane> lane = () -> new Lane(Instance.builder(module).withMachineFactory(machines)
                .withMemoryFactory(ByteArrayMemory::new).build().export("next"));
        single = lane.get();
        lanes = new Lane[] {lane.get(), lane.get(), lane.get(), lane.get()};
        perThread = ThreadLocal.withInitial(lane);
    }

    /** Each thread's own argument. */
    @State(Scope.Thread)
    public static class Argument {
        int n;
    }

    int serial(Argument a) {
        lock.lock();
        try {
            return single.call(a.n++);
        } finally {
            lock.unlock();
        }
    }

    int pool(Argument a) {
        int i = (int) Thread.currentThread().threadId() & 3;
        Lane lane;
        long s;
        while (true) {
            lane = lanes[i];
            s = lane.state.get();
            if ((s & 1) == 0 && lane.state.compareAndSet(s, s + 1)) {
                break;
            }
            i = (i + 1) & 3;
        }
        try {
            return lane.call(a.n++);
        } finally {
            lane.state.compareAndSet(s + 1, s + 2);
        }
    }

    int perThread(Argument a) {
        Lane lane = perThread.get();
        long s = lane.state.get();
        lane.state.setRelease(s + 1);
        try {
            return lane.call(a.n++);
        } finally {
            lane.state.compareAndSet(s + 1, s + 2);
        }
    }

    @Benchmark @Threads(1) public int serial1(Argument a) { return serial(a); }
    @Benchmark @Threads(2) public int serial2(Argument a) { return serial(a); }
    @Benchmark @Threads(1) public int pool1(Argument a) { return pool(a); }
    @Benchmark @Threads(2) public int pool2(Argument a) { return pool(a); }
    @Benchmark @Threads(1) public int perThread1(Argument a) { return perThread(a); }
    @Benchmark @Threads(2) public int perThread2(Argument a) { return perThread(a); }
}
