package dev.graft.bench;

import dev.graft.bench.PolyglotGuests.ScriptCounter;
import dev.graft.core.Graft;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
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
 * How long {@code reload} takes for a JavaScript or Python plugin, alternating two versions of one
 * script ({@code graftReload}: read, manifest, a new context on the shared engine, evaluate, link
 * every contract method, publish; the old version's contexts are closed on Graft's retiring
 * thread), against its direct baseline, {@code rawNewContext}: a new context on a shared engine,
 * the same script evaluated, one call, closed. Average time per reload.
 *
 * <p>{@link Optimizing} and {@link Interpreter}: as for {@link PolyglotDispatchBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public abstract class PolyglotReloadBench {

    /** With GraalVM's optimizing runtime: the forks inherit ./graft bench's flags. */
    @Fork(1)
    public static class Optimizing extends PolyglotReloadBench {
    }

    /** In Truffle's interpreter: forks started without the optimizing runtime's flags. */
    @Fork(value = 1, jvmArgs = {PolyglotGuests.INTERPRETER, "--enable-native-access=ALL-UNNAMED"})
    public static class Interpreter extends PolyglotReloadBench {
    }

    @Param({"js", "python"})
    public String language;

    private Path dir;
    private final Path[] versions = new Path[2];
    private final Source[] sources = new Source[2];
    private Graft graft;
    private ScriptCounter proxy;
    private Engine engine;
    private int reloads;

    @Setup(Level.Trial)
    public void setUp() {
        PolyglotGuests.expectRuntime();
        dir = BenchFolder.create("graft-bench-polyglot-reload-");
        for (int v = 0; v < 2; v++) {
            versions[v] = PolyglotGuests.write(dir, language, v + 1);
            sources[v] = Source.create(language, PolyglotGuests.source(versions[v]));
        }
        graft = Graft.builder().contract(ScriptCounter.class).build();
        graft.load(versions[0]);
        proxy = graft.contract(ScriptCounter.class);
        engine = Engine.newBuilder(language).option("engine.WarnInterpreterOnly", "false").build();
    }

    /** Reloads to the other version; returns what its next(0) answers, so the reload is used. */
    @Benchmark
    public int graftReload() {
        int to = ++reloads % 2;
        graft.reload(PolyglotGuests.PLUGIN_ID, versions[to]);
        return proxy.next(0);
    }

    @Benchmark
    public int rawNewContext() {
        int to = ++reloads % 2;
        try (Context context = Context.newBuilder(language).engine(engine).build()) {
            context.eval(sources[to]);
            return context.getBindings(language).getMember("next").execute(0).asInt();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        graft.close();
        BenchFolder.delete(dir);
    }
}
