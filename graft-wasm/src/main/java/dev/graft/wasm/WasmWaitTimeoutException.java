package dev.graft.wasm;

import java.time.Duration;

/**
 * The call's deadline passed while it was waiting for a free instance: every lane of the plugin
 * version's instance pool stayed busy with other calls. The guest never ran, nothing was
 * discarded, and the calling thread's interrupt flag is untouched. More concurrent callers than
 * lanes ({@code WasmSettings.maxInstances}) wait; a wait is bounded by the call's deadline
 * ({@code call-timeout-ms}), which counts from the moment the call started waiting.
 */
public class WasmWaitTimeoutException extends WasmTimeoutException {

    private final int lanes;

    public WasmWaitTimeoutException(String pluginId, String versionLabel, String function, Duration deadline, int lanes) {
        super(pluginId, versionLabel, function, deadline, "expected a free instance within the call's deadline of "
                + deadline.toMillis() + " ms, found all " + lanes + " lanes (instances) busy with other calls for all of it;"
                + " the call did not run (more concurrent callers than lanes wait: raise WasmSettings.maxInstances,"
                + " or make the calls shorter or fewer)", null);
        this.lanes = lanes;
    }

    /** The number of lanes (instances at most) of the pool that had none free. */
    public int lanes() {
        return lanes;
    }
}
