package dev.graft.wasm;

/**
 * A guest failing its own call on purpose, through {@code graft.host.fail(status, message)}:
 * thrown out of the guest, ended by the pool as a {@link WasmGuestException}. The cause is the
 * host module's exception when the guest passes on the status of the host call that failed last in
 * its instance. No stack trace: the guest's frames are not Java's.
 */
final class GuestFailure extends RuntimeException {

    private final int status;

    GuestFailure(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
