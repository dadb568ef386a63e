package dev.graft.bench;

import dev.graft.bench.PolyglotGuests.ScriptCounter;
import dev.graft.core.Graft;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
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
 * The cost of a call through a JavaScript or Python plugin's contract: the same guest function
 * called through GraalVM's own API ({@code raw*}, the baseline: {@code Value.execute} on the
 * function's {@code Value}, kept from set-up, in a context of its own) and through Graft's contract
 * proxy ({@code graft*}: slot, generated provider, a context from the version's pool, the deadline's
 * watch, the type mapping). int -> int ({@code next}) and String -> String ({@code greet}). Average
 * time per call, one calling thread. For comparison, GraalVM's own binding of a Java interface to
 * guest functions ({@code interface*}: {@code Value.as(ScriptCounter.class)} on the script's
 * bindings, in a context and engine of its own): what a host that used GraalVM directly,
 * through an interface, would call.
 *
 * <p>Twice: {@link Optimizing} runs in forks that inherit {@code ./graft bench}'s JVM flags, which
 * turn on GraalVM's optimizing runtime when graft-bench/target/jvmci holds its jars (the trial
 * fails if it is not on); {@link Interpreter} in forks started without them, where Truffle
 * interprets the guest, as in a host that does not set the flags.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public abstract class PolyglotDispatchBench {

    /** With GraalVM's optimizing runtime: the forks inherit ./graft bench's flags. */
    @Fork(1)
    public static class Optimizing extends PolyglotDispatchBench {
    }

    /** In Truffle's interpreter: forks started without the optimizing runtime's flags. */
    @Fork(value = 1, jvmArgs = {PolyglotGuests.INTERPRETER, "--enable-native-access=ALL-UNNAMED"})
    public static class Interpreter extends PolyglotDispatchBench {
    }

    @Param({"js", "python"})
    public String language;

    private Path dir;
    private Graft graft;
    private ScriptCounter proxy;
    private Engine engine;
    private Context context;
    private Value rawNext;
    private Value rawGreet;
    private Engine mappedEngine;
    private Context mappedContext;
    private ScriptCounter mapped;
    private int n;

    @Setup(Level.Trial)
    public void setUp() {
        PolyglotGuests.expectRuntime();
        dir = BenchFolder.create("graft-bench-polyglot-");
        Path script = PolyglotGuests.write(dir, language, 1);
        graft = Graft.builder().contract(ScriptCounter.class).build();
        graft.load(script);
        proxy = graft.contract(ScriptCounter.class);
        // the baseline: the same script, evaluated in a context of its own, on an engine of its own
        engine = Engine.newBuilder(language).option("engine.WarnInterpreterOnly", "false").build();
        context = Context.newBuilder(language).engine(engine).build();
        context.eval(language, PolyglotGuests.source(script));
        rawNext = context.getBindings(language).getMember("next");
        rawGreet = context.getBindings(language).getMember("greet");
        // GraalVM's interface mapping: a context that lets guest objects implement the interface, on an
        // engine of its own (GraalVM wants one host access configuration for all contexts of an engine)
        mappedEngine = Engine.newBuilder(language).option("engine.WarnInterpreterOnly", "false").build();
        mappedContext = Context.newBuilder(language).engine(mappedEngine)
                .allowHostAccess(HostAccess.newBuilder(HostAccess.EXPLICIT).allowImplementations(ScriptCounter.class).build())
                .build();
        mappedContext.eval(language, PolyglotGuests.source(script));
        mapped = mappedContext.getBindings(language).as(ScriptCounter.class);
    }

    @Benchmark
    public int rawNext() {
        return rawNext.execute(n++).asInt();
    }

    @Benchmark
    public int graftNext() {
        return proxy.next(n++);
    }

    @Benchmark
    public String rawGreet() {
        return rawGreet.execute("world").asString();
    }

    @Benchmark
    public String graftGreet() {
        return proxy.greet("world");
    }

    @Benchmark
    public int interfaceNext() {
        return mapped.next(n++);
    }

    @Benchmark
    public String interfaceGreet() {
        return mapped.greet("world");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
        mappedContext.close();
        mappedEngine.close();
        engine.close();
        graft.close();
        BenchFolder.delete(dir);
    }
}
