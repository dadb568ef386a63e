package dev.graft.wasm;

/**
 * The host refuses a host function call before or after its implementation runs: an argument the
 * guest passed (a pointer outside its memory, text that is not UTF-8) or a result it cannot deliver
 * (the guest's graft_alloc returned 0). The guest gets {@link #status()} and the message, as for an
 * exception the implementation threw. No stack trace: it describes guest data.
 */
final class HostCallRefusal extends RuntimeException {

    private final int status;

    HostCallRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
