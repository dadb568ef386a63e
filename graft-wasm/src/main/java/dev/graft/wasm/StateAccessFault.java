package dev.graft.wasm;

/**
 * A guest's {@code graft.state} access the host refuses: an offset outside the state or not
 * aligned to the value's width, a copy running past the state or the guest's memory, or an access
 * while the instance is being initialised. A trap, not a status: a state access is a memory access
 * (a C guest reads a field through an inline accessor and has no status to test), and a guest that
 * computes a wrong offset is broken the way one that reads outside its memory is. Thrown out of the
 * guest and turned by the pool into a {@link WasmTrapException} of kind {@link TrapKind#STATE_ACCESS};
 * the instance is discarded. No stack trace: it describes guest data.
 */
final class StateAccessFault extends RuntimeException {

    StateAccessFault(String message) {
        super(message, null, false, false);
    }
}
