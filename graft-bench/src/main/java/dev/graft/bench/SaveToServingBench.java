package dev.graft.bench;

import dev.graft.cli.dev.BuildContext;
import dev.graft.cli.dev.DevConsole;
import dev.graft.cli.dev.DevOutcome;
import dev.graft.cli.dev.DevSession;
import dev.graft.cli.dev.PluginSkeletons;
import dev.graft.cli.dev.SourceBuilder;
import dev.graft.cli.dev.SourceBuilders;
import dev.graft.core.Graft;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Save-to-serving latency of {@code graft dev}, per kind: from the moment a plugin's source file
 * is written to the first call answered by the new code ({@code saveToServing}, sampled: read its
 * p50 and p90), against the kind's build alone on the same sources ({@code build}, the baseline:
 * what a loop that only compiled would cost). The plugin is {@code graft new}'s skeleton for
 * {@link Counter}; each save changes what {@code next} returns, so the call that sees the new
 * number is the first one the new code answered.
 *
 * <p>Saves are paced 100 ms apart outside the measured time (an author does not save twenty times
 * a second), and the trial's end prints where the measured time went: the quiet period and queue,
 * the build, the reload, and the first call. A kind whose toolchain is missing on this machine
 * fails its set-up with the toolchain's message (JMH goes on with the other kinds).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SaveToServingBench {

    /** Per kind: the text after which the skeleton's next() stub returns its default, and that default with the number in its place. */
    private record Stub(String anchor, String zero, String numbered) {
    }

    private static final Map<String, Stub> STUBS = Map.of(
            "java", new Stub("int next(", "return 0;", "return %d;"),
            "wat", new Stub("\"next\"", "(i32.const 0)", "(i32.const %d)"),
            "c", new Stub("bench_counter_next(", "graft_ok_i32(0)", "graft_ok_i32(%d)"),
            "c-wasm", new Stub("bench_counter_next(", "return 0;", "return %d;"),
            "rust", new Stub("bench_counter_next(", "GraftResult::i32(0)", "GraftResult::i32(%d)"),
            "rust-wasm", new Stub("fn next(", "    0\n", "    %d\n"));

    @Param({"java", "wat", "c", "c-wasm", "rust", "rust-wasm"})
    public String kind;

    private Path root;
    private Path source;
    private String skeleton;
    private Graft graft;
    private DevSession session;
    private Counter counter;
    private SourceBuilder builder;
    private BuildContext buildAlone;
    private Path folder;
    private Path aloneFolder; // the same skeleton outside the session's folder: the baseline's builds start no session build
    private Path aloneSource;
    private final BlockingQueue<DevOutcome> outcomes = new LinkedBlockingQueue<>();
    private int save;
    private boolean measuring;
    private final List<long[]> parts = new ArrayList<>(); // wait, build, reload, first call, total: measured saves only

    @Setup(Level.Trial)
    public void startSession() throws Exception {
        builder = SourceBuilders.standard().all().stream().filter(b -> b.kind().equals(kind)).findFirst().orElseThrow();
        builder.missingToolchain().ifPresent(missing -> {
            throw new IllegalStateException("kind " + kind + " skipped: " + missing);
        });
        root = BenchFolder.create("save-to-serving-" + kind);
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        folder = PluginSkeletons.write(kind, "counter-" + kind, List.of(Counter.class), plugins, "graft dev");
        source = stubSource(folder);
        skeleton = Files.readString(source);
        List<Path> hostClassPath = List.of(Path.of(Counter.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        buildAlone = new BuildContext(root.resolve("build-alone"), hostClassPath, List.of(Counter.class));
        aloneFolder = PluginSkeletons.write(kind, "counter-" + kind, List.of(Counter.class), root.resolve("alone"), "graft dev");
        aloneSource = stubSource(aloneFolder);
        graft = Graft.builder().contract(Counter.class).build();
        session = DevSession.builder(plugins, graft).outputDir(root.resolve("out")).hostClassPath(hostClassPath)
                .contracts(List.of(Counter.class)).console(new DevConsole(new PrintWriter(Writer.nullWriter()), false))
                .listener(outcomes::add).start();
        DevOutcome loaded = outcomes.poll(5, TimeUnit.MINUTES);
        if (loaded == null || loaded.status() != DevOutcome.Status.LOADED) {
            throw new IllegalStateException("expected the " + kind + " skeleton to load, found " + loaded);
        }
        counter = graft.contractOf("counter-" + kind, Counter.class);
        settle();
    }

    /** Waits until no build is running or due (a first build may touch files, as cargo's Cargo.lock), and forgets its outcomes. */
    private void settle() throws InterruptedException {
        do {
            Thread.sleep(300);
        } while (!session.idle());
        outcomes.clear();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Setup(Level.Invocation)
    public void pace() throws InterruptedException {
        Thread.sleep(100);
        outcomes.clear();
    }

    @Benchmark
    public int saveToServing() throws Exception {
        int expected = ++save;
        long start = System.nanoTime();
        Files.writeString(source, numbered(expected));
        DevOutcome outcome;
        do {
            outcome = outcomes.poll(2, TimeUnit.MINUTES);
            if (outcome == null || !outcome.ok() && outcome.status() != DevOutcome.Status.BUILD_FAILED) {
                throw new IllegalStateException("expected the " + kind + " plugin to reload, found " + outcome);
            }
        } while (!outcome.ok());
        long served = System.nanoTime();
        int answer;
        while ((answer = counter.next(0)) != expected) {
            if (!outcomes.isEmpty() || System.nanoTime() - served > TimeUnit.MINUTES.toNanos(1)) {
                throw new IllegalStateException("expected next(0) = " + expected + " after the reload, found " + answer);
            }
        }
        long end = System.nanoTime();
        if (measuring) {
            parts.add(new long[] {outcome.waitNanos(), outcome.buildNanos(), outcome.reloadNanos(), end - served, end - start});
        }
        return answer;
    }

    @Benchmark
    public Path build() throws Exception {
        Files.writeString(aloneSource, numbered(++save));
        return builder.build(aloneFolder, buildAlone);
    }

    private String numbered(int n) {
        Stub stub = STUBS.get(kind);
        int at = skeleton.indexOf(stub.zero(), skeleton.indexOf(stub.anchor()));
        return skeleton.substring(0, at) + stub.numbered().formatted(n) + skeleton.substring(at + stub.zero().length());
    }

    @TearDown(Level.Trial)
    public void stopSession() throws Exception {
        if (!parts.isEmpty()) {
            System.out.printf("%n[%s] %d saves: save-to-serving p50 %.1f ms p90 %.1f | quiet period and queue p50 %.1f"
                            + " | build p50 %.1f p90 %.1f | reload p50 %.1f p90 %.1f | first call p50 %.2f%n",
                    kind, parts.size(), p(4, 50), p(4, 90), p(0, 50), p(1, 50), p(1, 90), p(2, 50), p(2, 90), p(3, 50));
        }
        if (session != null) {
            session.close();
        }
        if (graft != null) {
            graft.close();
        }
        BenchFolder.delete(root);
    }

    private double p(int part, int percent) {
        long[] sorted = parts.stream().mapToLong(p -> p[part]).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static Path stubSource(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> Stream.of(".java", ".wat", ".c", ".rs").anyMatch(f.toString()::endsWith))
                    .reduce((a, b) -> {
                        throw new IllegalStateException("expected one source file in " + folder + ", found " + a + " and " + b);
                    }).orElseThrow();
        }
    }
}
