package dev.graft.wasm;

import java.time.Duration;

/**
 * The call did not finish within the plugin's per-call deadline. Usually the guest ran past it and
 * was interrupted: its instance was discarded, and the next call runs in a fresh instance. The
 * subclass {@link WasmWaitTimeoutException} is the other case: the deadline passed while the call
 * was still waiting for a free instance, and the guest never ran.
 */
public class WasmTimeoutException extends WasmCallException {

    private final Duration deadline;

    public WasmTimeoutException(String pluginId, String versionLabel, String function, Duration deadline, Throwable cause) {
        super(pluginId, versionLabel, function, "expected the call to return within " + deadline.toMillis()
                + " ms, found it still running; it was interrupted and its instance replaced", cause);
        this.deadline = deadline;
    }

    /** For subclasses: the same exception with another explanation after the function. */
    protected WasmTimeoutException(String pluginId, String versionLabel, String function, Duration deadline,
            String message, Throwable cause) {
        super(pluginId, versionLabel, function, message, cause);
        this.deadline = deadline;
    }

    /** The per-call deadline the guest overran. */
    public Duration deadline() {
        return deadline;
    }
}
