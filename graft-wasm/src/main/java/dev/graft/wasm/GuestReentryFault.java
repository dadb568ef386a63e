package dev.graft.wasm;

/**
 * The guest's own code, which the host ran in the middle of a host function (graft_alloc, to
 * place a result), trapped, ran out of stack or was interrupted. That is the guest's failure, not
 * the host module's: it ends the guest's call as it would have outside a host function, so it is
 * thrown on, never turned into a status. No stack trace of its own: the cause has it.
 */
final class GuestReentryFault extends RuntimeException {

    GuestReentryFault(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }
}
