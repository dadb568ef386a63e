package dev.graft.polyglot;

import java.time.Duration;

/**
 * The call's deadline passed while it was waiting for a free context of the plugin version's
 * pool: the contexts stayed busy with other calls, or were bound to other platform threads. The
 * guest never ran, so the call may be retried as it is. More concurrent callers than free contexts
 * ({@code PolyglotSettings.maxContexts}) wait, up to the call deadline ({@code callTimeout}).
 *
 * <p>A platform thread that gave a context back while fewer than half were bound keeps it, for
 * itself alone, until it ends: such a context is not free to others even while idle, so the
 * message counts those apart, as seen when the wait ended. The wasm twin is
 * {@code WasmWaitTimeoutException}.
 */
public class GuestWaitTimeoutException extends GuestTimeoutException {

    private final int contexts;
    private final int busy;
    private final int boundToOthers;

    /**
     * @param deadline      the call deadline it waited for
     * @param contexts      the pool's size (its most contexts)
     * @param busy          contexts busy with other calls when the wait ended
     * @param boundToOthers contexts bound to other platform threads then, idle or not
     * @param idleBound     of those, the idle ones
     * @param interrupted   whether the wait ended because the waiting thread was interrupted
     * @param oneForState   whether the pool has one context because the plugin declares state
     */
    public GuestWaitTimeoutException(String pluginId, String versionLabel, String function, Duration deadline, int contexts,
                                     int busy, int boundToOthers, int idleBound, boolean interrupted, boolean oneForState) {
        super(pluginId, versionLabel, function, message(deadline, contexts, busy, boundToOthers, idleBound, interrupted, oneForState),
                null);
        this.contexts = contexts;
        this.busy = busy;
        this.boundToOthers = boundToOthers;
    }

    private static String message(Duration deadline, int contexts, int busy, int boundToOthers, int idleBound, boolean interrupted,
                                  boolean oneForState) {
        String span = interrupted ? " until the waiting thread was interrupted" : " for all of it";
        String found = boundToOthers == 0
                ? (contexts == 1 ? "found its only context busy with another call" : "found all " + contexts
                + " contexts busy with other calls") + span
                : "found none of the " + contexts + " contexts free" + span + ": " + busy + " busy with other calls, "
                + boundToOthers + " bound to other platform threads (" + idleBound + " of them idle; a platform thread keeps"
                + " a context it gave back while fewer than half are bound, for itself alone, until it ends)";
        String remedy = oneForState
                ? "a plugin that declares state runs its calls one at a time, in one context: give calls a longer deadline"
                + " with PolyglotSettings.withCallTimeout, or make them shorter or fewer"
                : "more concurrent callers than free contexts wait: raise the pool's size, " + contexts + " now, with"
                + " PolyglotSettings.withMaxContexts(n) given to the loader, give calls a longer deadline with"
                + " PolyglotSettings.withCallTimeout, or make them shorter or fewer";
        return "expected a free context within the call's deadline of " + deadline.toMillis() + " ms, " + found
                + "; the call did not run (" + remedy + ")";
    }

    /** The most contexts the pool keeps. */
    public int contexts() {
        return contexts;
    }

    /** The contexts busy with other calls when the wait ended. */
    public int busy() {
        return busy;
    }

    /** The contexts bound to other platform threads when the wait ended (idle or not): never free to this caller. */
    public int boundToOthers() {
        return boundToOthers;
    }
}
