package dev.graft.polyglot;

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
     * @param contexts      the pool's size (its most contexts)
     * @param busy          contexts busy with other calls when the wait ended
     * @param boundToOthers contexts bound to other platform threads then, idle or not
     */
    public GuestWaitTimeoutException(String pluginId, String versionLabel, String function, String message, int contexts,
                                     int busy, int boundToOthers) {
        super(pluginId, versionLabel, function, message, null);
        this.contexts = contexts;
        this.busy = busy;
        this.boundToOthers = boundToOthers;
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
