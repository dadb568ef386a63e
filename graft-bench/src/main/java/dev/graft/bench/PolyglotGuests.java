package dev.graft.bench;

import dev.graft.api.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Engine;

/**
 * The polyglot benchmarks' guest: one script per language and version, a plugin of the contract
 * {@link ScriptCounter} (its leading comment is its manifest), and the check that a benchmark runs
 * on the runtime it claims to measure.
 */
final class PolyglotGuests {

    /** The benchmarks' contract: int -> int, and String -> String. */
    @Contract(name = "bench.script", version = "1.0")
    public interface ScriptCounter {
        int next(int n);

        String greet(String name);
    }

    static final String PLUGIN_ID = "script-counter";

    private PolyglotGuests() {
    }

    /** Writes version {@code version} (1 or 2: next adds it) of the plugin in {@code language} into {@code dir}. */
    static Path write(Path dir, String language, int version) {
        String manifest = "id = " + PLUGIN_ID + "\nversion = " + version + ".0.0\nprovides = bench.script@1.0\n";
        String script = switch (language) {
            case "js" -> "/* graft.manifest\n" + manifest + "*/\n"
                    + "function next(n) { return n + " + version + "; }\n"
                    + "function greet(name) { return 'Hello, ' + name + '!'; }\n";
            case "python" -> "# graft.manifest\n" + manifest.replaceAll("(?m)^", "# ") + "\n"
                    + "def next(n):\n    return n + " + version + "\n\n"
                    + "def greet(name):\n    return 'Hello, ' + name + '!'\n";
            default -> throw new IllegalArgumentException("expected the language js or python, found " + language);
        };
        Path file = dir.resolve(PLUGIN_ID + "-v" + version + (language.equals("js") ? ".js" : ".py"));
        try {
            return Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The script's source text without its manifest comment: what a raw context evaluates. */
    static String source(Path script) {
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script, e);
        }
    }

    /** The JVM option of a fork that runs guests in Truffle's interpreter (its other options are dropped). */
    static final String INTERPRETER = "-Dgraft.bench.runtime=interpreter";

    /**
     * Fails the trial unless this JVM runs guests as the benchmark expects: in Truffle's
     * interpreter in a fork started with {@link #INTERPRETER}, else with GraalVM's optimizing
     * runtime ({@code ./graft bench} adds its flags when graft-bench/target/jvmci holds its jars,
     * and the other forks inherit them).
     */
    static void expectRuntime() {
        boolean optimizing = !INTERPRETER.equals("-Dgraft.bench.runtime=" + System.getProperty("graft.bench.runtime"));
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            String found = engine.getImplementationName();
            if (optimizing == "Interpreted".equals(found)) {
                throw new IllegalStateException((optimizing
                        ? "expected GraalVM's optimizing runtime (run ./graft bench, which adds its JVM flags when "
                                + "graft-bench/target/jvmci holds the compiler's jars), found "
                        : "expected Truffle's interpreter, found ") + found);
            }
        }
    }
}
