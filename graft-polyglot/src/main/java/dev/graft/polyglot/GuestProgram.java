package dev.graft.polyglot;

import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * One linked plugin version's program: its script ({@link GuestSource}), the contract methods it
 * binds (in the order of the providers' indices) and its call deadline; makes the version's
 * contexts ready for calls ({@link GuestContext}).
 */
final class GuestProgram {

    final Language language;
    final String pluginId;
    final String versionLabel;
    final FunctionBinding[] functions;
    final Duration callTimeout;
    private final GuestSource source;

    GuestProgram(GuestSource source, String pluginId, String versionLabel, FunctionBinding[] functions, Duration callTimeout) {
        this.source = source;
        this.language = source.language();
        this.pluginId = pluginId;
        this.versionLabel = versionLabel;
        this.functions = functions;
        this.callTimeout = callTimeout;
    }

    /** A new context ready for calls: evaluated, its functions looked up. */
    GuestContext open() {
        return adopt(source.evaluate());
    }

    /** A context {@link GuestSource#evaluate} made, ready for calls: its functions looked up. */
    GuestContext adopt(Context context) {
        try {
            Value[] values = new Value[functions.length];
            for (int i = 0; i < functions.length; i++) {
                values[i] = GuestSource.member(context, language, functions[i].name());
                if (values[i] == null || !values[i].canExecute()) {
                    throw new IllegalStateException("expected " + functions[i].expected() + " in every context, found "
                            + (values[i] == null ? "none" : GuestType.describe(values[i])) + " in a new one");
                }
            }
            return new GuestContext(context, values);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }
}
