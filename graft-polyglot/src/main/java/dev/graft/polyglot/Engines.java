package dev.graft.polyglot;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/**
 * One GraalVM engine per language for the whole JVM, shared by every version of every plugin of
 * that language: contexts on a shared engine share its parsed and compiled code and its
 * initialisation (a new context is 10 to 20 ms for JavaScript on a warm engine). Never closed: it
 * holds no plugin's code once that plugin's contexts are closed (the G3 tests check that contexts
 * and their values are collected) and lives as long as the classes of this module.
 *
 * <p>Without the optimizing runtime (a stock JDK started without GraalVM's compiler on the module
 * path) guests run in Truffle's interpreter. GraalVM would print a warning for every engine; the
 * option {@code engine.WarnInterpreterOnly=false} silences it, and Graft says it once per JVM
 * through {@code System.Logger} {@code dev.graft.polyglot} instead.
 */
final class Engines {

    static final System.Logger LOGGER = System.getLogger("dev.graft.polyglot");
    private static final Map<Language, Engine> ENGINES = new EnumMap<>(Language.class);
    private static boolean told;

    private Engines() {
    }

    /** The shared engine of {@code language}, made on first use. */
    static synchronized Engine of(Language language) {
        return ENGINES.computeIfAbsent(language, l -> {
            Engine engine = Engine.newBuilder(l.id()).option("engine.WarnInterpreterOnly", "false").build();
            if (!told && !optimizing(engine)) {
                told = true;
                LOGGER.log(Level.INFO, "JavaScript and Python plugins run in GraalVM's interpreter, several times slower than "
                        + "with its optimizing runtime: start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "
                        + "--upgrade-module-path=<GraalVM compiler jars> (docs/polyglot-plugins.md)");
            }
            return engine;
        });
    }

    /** Whether guests of this engine are compiled: GraalVM names the interpreter-only runtime {@code Interpreted}. */
    static boolean optimizing(Engine engine) {
        return !"Interpreted".equals(engine.getImplementationName());
    }
}
