package dev.graft.wasm;

import java.time.Duration;

/**
 * The call's deadline passed while it was waiting for a free lane (an instance) of the plugin
 * version's pool: the lanes it may take stayed busy with other calls, or were bound to other
 * threads. The guest never ran, nothing was discarded, and the calling thread's interrupt flag is
 * untouched. More concurrent callers than free lanes ({@code WasmSettings.maxInstances}) wait; a
 * wait is bounded by the call's deadline ({@code call-timeout-ms}), which counts from the moment
 * the call started waiting.
 *
 * <p>In a cooperative pool a platform thread binds a lane on its first call and keeps it, for
 * itself alone, until it ends (at most half the lanes are bound): such a lane is not free to
 * others even while idle, so the message counts those lanes apart, as seen when the wait ended.
 */
public class WasmWaitTimeoutException extends WasmTimeoutException {

    private final int lanes;
    private final int boundToOthers;

    /**
     * @param lanes         the pool's lanes
     * @param busy          lanes busy with other calls, bound to no other thread, when the wait ended
     * @param boundToOthers lanes bound to other threads then, idle or not
     * @param idleBound     of those, the idle ones
     */
    public WasmWaitTimeoutException(String pluginId, String versionLabel, String function, Duration deadline, int lanes,
                                    int busy, int boundToOthers, int idleBound) {
        super(pluginId, versionLabel, function, deadline, message(deadline, lanes, busy, boundToOthers, idleBound), null);
        this.lanes = lanes;
        this.boundToOthers = boundToOthers;
    }

    private static String message(Duration deadline, int lanes, int busy, int boundToOthers, int idleBound) {
        String found = boundToOthers == 0
                ? "found all " + lanes + " lanes busy with other calls for all of it"
                : "found none of the " + lanes + " lanes free for all of it: " + busy + " busy with other calls, "
                + boundToOthers + " bound to other platform threads (" + idleBound + " of them idle; a platform thread keeps"
                + " the lane it bound on its first call, for itself alone, until it ends, and a pool binds at most half its lanes)";
        return "expected a free lane (instance) within the call's deadline of " + deadline.toMillis() + " ms, " + found
                + "; the call did not run (more concurrent callers than free lanes wait: raise the pool's size, " + lanes
                + " lanes now, with WasmSettings.withMaxInstances(n) given to the WasmPluginLoader, give calls a longer"
                + " deadline with WasmSettings.withCallTimeout, or make them shorter or fewer)";
    }

    /** The number of lanes (instances at most) of the pool. */
    public int lanes() {
        return lanes;
    }

    /** The lanes bound to other threads when the wait ended (idle or not): never free to this caller. */
    public int boundToOthers() {
        return boundToOthers;
    }
}
