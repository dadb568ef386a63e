package dev.graft.polyglot;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One plugin version's script as it runs: its source, the language's shared engine and the globals
 * it is given (the host modules it imports, {@code graft_state}); each {@link #evaluate} is a fresh sandboxed context with the source run in it.
 *
 * <p>The sandbox: no host access (the guest sees no Java object, class or method; host modules
 * reach it as proxies, which need none), no I/O, no threads, no processes, no native code, no
 * environment variables, no other languages; standard output and error go nowhere (a plugin logs
 * through {@code graft.log}).
 */
record GuestSource(Language language, Engine engine, Source source, Map<String, Object> globals, Duration timeout) {

    GuestSource {
        globals = Collections.unmodifiableMap(new LinkedHashMap<>(globals));
    }

    /**
     * A new sandboxed context with its globals set and the source evaluated, its top
     * level stopped if it runs past {@code timeout}.
     *
     * @throws org.graalvm.polyglot.PolyglotException when the source does not parse or its top level throws
     * @throws TopLevelTimeoutException when its top level ran past the deadline
     */
    Context evaluate() {
        Context context = Context.newBuilder(language.id())
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        try {
            Value bindings = context.getBindings(language.id());
            this.globals.forEach(bindings::putMember);
            context.initialize(language.id()); // the language's own start (200+ ms for Python) is not the script's: no deadline
            Evaluation evaluation = Evaluation.start(context, timeout);
            try {
                context.eval(source);
            } catch (PolyglotException e) {
                if (evaluation.finish()) {
                    throw new TopLevelTimeoutException(timeout, e);
                }
                throw e;
            }
            evaluation.finish();
            return context;
        } catch (RuntimeException | Error e) {
            context.close(true);
            throw e;
        }
    }

    /**
     * What the guest's top level defined under this name in {@code context}, or null. For Python
     * the module's own {@code globals()}, not the language's bindings, which also answer for
     * builtins ({@code next}, {@code len}): a contract method must bind to the plugin's function.
     */
    static Value member(Context context, Language language, String name) {
        if (language == Language.PYTHON) {
            Value globals = context.eval(PYTHON_GLOBALS);
            return globals.hasHashEntry(name) ? globals.getHashValue(name) : null;
        }
        Value globals = context.getBindings(language.id());
        return globals.hasMember(name) ? globals.getMember(name) : null;
    }

    private static final Source PYTHON_GLOBALS = Source.create("python", "globals()");
}
