package dev.graft.bench;

import dev.graft.api.Contract;
import dev.graft.core.Graft;
import dev.graft.natives.CBindgen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Native plugins with state, against the same plugin without state ({@code form=STATELESS}, its
 * count in a global of the library) in one run. {@code add} is a call that adds to the count with
 * one atomic add, in the library's global or in the host-owned state block: native calls are
 * counted either way, so the state should cost nothing on the call path. {@code reload} alternates
 * two builds: without state; with state of the same shape (the new version shares the old one's
 * block: no quiesce, no copy); with state whose shape changes (quiesce, read, map, write a new
 * block). {@code addUnderReloads} samples every call of two threads while a third reloads every
 * 10 ms: its percentiles show the calls that met a quiesce gate (only {@code SHAPE_CHANGE} has one).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class NativeStateBench {

    /** The contract the benchmark plugin provides. */
    @Contract(name = "bench.nativetally", version = "1.0")
    public interface NativeTally {
        long add(long n);
    }

    @Param({"STATELESS", "SAME_SHAPE", "SHAPE_CHANGE"})
    public StateForm form;

    private Path dir;
    private Path first;
    private Path second;
    private Graft graft;
    private NativeTally tally;
    private boolean secondRunning;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        dir = BenchFolder.create("graft-bench-native-state-");
        CBindgen.write(NativeTally.class, dir);
        Path source = dir.resolve("native_state_bench.c");
        try (var in = NativeStateBench.class.getResourceAsStream("native_state_bench.c")) {
            Files.copy(in, source);
        }
        switch (form) {
            case STATELESS -> {
                first = NativeGuests.compile(dir, source, "tally-v1.so", "STEP=1");
                second = NativeGuests.compile(dir, source, "tally-v2.so", "STEP=2");
            }
            case SAME_SHAPE -> {
                first = NativeGuests.compile(dir, source, "tally-v1.so", "STEP=1", "SHAPE=1");
                second = NativeGuests.compile(dir, source, "tally-v2.so", "STEP=2", "SHAPE=1");
            }
            case SHAPE_CHANGE -> {
                first = NativeGuests.compile(dir, source, "tally-v1.so", "STEP=1", "SHAPE=1");
                second = NativeGuests.compile(dir, source, "tally-v2.so", "STEP=2", "SHAPE=2");
            }
        }
        graft = Graft.builder().contract(NativeTally.class).build();
        graft.load(first);
        tally = graft.contract(NativeTally.class);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long add() {
        return tally.add(1);
    }

    /** Two threads call while a third reloads every 10 ms, for {@link #addUnderReloads} only. */
    @State(Scope.Benchmark)
    public static class Reloading {
        private Reloader reloader;

        @Setup(Level.Trial)
        public void start(NativeStateBench bench) {
            reloader = Reloader.start(bench::reload, Duration.ofMillis(10));
        }

        /** Set up after the plugin (it takes it), so torn down before it is closed; a failed reload fails the run. */
        @TearDown(Level.Trial)
        public void stop() {
            reloader.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public long addUnderReloads(Reloading reloading) {
        return tally.add(1);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void reload() {
        secondRunning = !secondRunning;
        graft.reload("bench-tally", secondRunning ? second : first);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        graft.close();
        BenchFolder.delete(dir);
    }
}
