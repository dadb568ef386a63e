package dev.graft.polyglot;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * The call path into one plugin version, in small steps the providers {@link ProviderGenerator}
 * makes call one after the other, so that each contract method's generated body holds its own
 * conversions (the one call of {@code Value.execute}, {@link GuestContext#execute}, is small
 * enough for the JIT to inline into each body):
 * <pre>{@code
 * GuestContext context = functions.enter(index);  // take a context from the pool, start the deadline
 * int result;
 * try {
 *     result = GuestResults.asInt(context.execute(index, new Object[] {Integer.valueOf(n)}));
 * } catch (Throwable t) {
 *     throw functions.failed(context, index, t);   // end the call, give the context back, translate
 * }
 * functions.leave(context);                       // end the call, give the context back
 * return result;
 * }</pre>
 * The arguments are boxed after the context is taken: the take is a compare-and-set, which waits
 * for the processor's pending stores, and the boxes' and the array's would be among them. The
 * result is read before the call ends: a guest value is only read while its context is held.
 * Public only because generated classes live in a package of their own; hosts have no use for it.
 */
public final class GuestFunctions {

    private final ContextPool pool;
    private final GuestContext[] homes;
    private final GuestProgram program;
    private final FunctionBinding[] functions;

    GuestFunctions(ContextPool pool) {
        this.pool = pool;
        this.homes = pool.homes();
        this.program = pool.program();
        this.functions = program.functions;
    }

    /** Takes a context for a call of bound function {@code index} and starts the call's deadline. */
    public GuestContext enter(int index) {
        return pool.acquire(homes, index);
    }

    /**
     * Gives the context of a call that returned back. A call the watchdog claimed just as it
     * returned keeps its result: it returned within its deadline's last tick.
     */
    public void leave(GuestContext context) {
        pool.release(context);
    }

    /**
     * Ends a call of bound function {@code index} that threw {@code thrown}, gives its context back
     * (or retires it, when the failure left it not to reuse) and returns what to throw: a
     * {@link GuestCallException} for what the guest threw or returned wrongly, anything else as it is.
     */
    public RuntimeException failed(GuestContext context, int index, Throwable thrown) {
        boolean stopped = context.stoppedByDeadline();
        try {
            FunctionBinding binding = functions[index];
            return switch (thrown) {
                case PolyglotException e -> GuestFailure.of(e, stopped, program, binding, context);
                case GuestType.Mismatch e -> new GuestCallException(program.pluginId, program.versionLabel, binding.name(),
                        "returned a value " + binding.expected() + " cannot hold: " + e.getMessage(), null);
                case RuntimeException e -> e;
                case Error e -> throw e;
                default -> new IllegalStateException("expected an unchecked exception from a guest call, found " + thrown, thrown);
            };
        } finally {
            pool.release(context);
        }
    }

    /** Parameter {@code param} of bound function {@code index} in its guest form: records and {@code byte[]}. */
    public Object toGuest(int index, int param, Object value) {
        return functions[index].params()[param].toGuest(value);
    }

    /** The result of bound function {@code index} as a Java value: records and {@code byte[]}. */
    public Object toJava(int index, Value value) {
        return functions[index].result().toJava(value);
    }
}
