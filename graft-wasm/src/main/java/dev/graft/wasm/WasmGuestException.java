package dev.graft.wasm;

/**
 * The guest failed its call on purpose, with a status and a message, through
 * {@code graft.host.fail} ({@code graft_fail} in C), typically to pass on a host function's
 * failure: then the host module's exception (or the handle's {@code HandleException}) is the
 * cause. The instance is discarded (its stack was unwound without the guest's epilogues), so the
 * next call runs in a fresh one.
 */
public class WasmGuestException extends WasmCallException {

    private final int status;

    public WasmGuestException(String pluginId, String versionLabel, String function, int status, String message,
                              Throwable cause) {
        super(pluginId, versionLabel, function, "failed with status " + status + ": " + message, cause);
        this.status = status;
    }

    /** The status the guest reported: one of a host function's (2 to 4) when it passes one on, or its own. */
    public int status() {
        return status;
    }
}
