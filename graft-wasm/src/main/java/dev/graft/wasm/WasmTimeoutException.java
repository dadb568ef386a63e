package dev.graft.wasm;

import java.time.Duration;

/**
 * The guest ran past the plugin's per-call deadline and was interrupted. Its instance was
 * discarded; the next call runs in a fresh instance.
 */
public class WasmTimeoutException extends WasmCallException {

    private final Duration deadline;

    public WasmTimeoutException(String pluginId, String versionLabel, String function, Duration deadline, Throwable cause) {
        super(pluginId, versionLabel, function, "expected the call to return within " + deadline.toMillis()
                + " ms, found it still running; it was interrupted and its instance replaced", cause);
        this.deadline = deadline;
    }

    /** The per-call deadline the guest overran. */
    public Duration deadline() {
        return deadline;
    }
}
