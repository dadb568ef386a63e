package dev.graft.wasm;

/**
 * Raised inside a call when the guest breaks the memory convention; the pool turns it into a
 * {@link WasmAbiException} naming plugin and function. No stack trace: it describes guest data.
 */
final class AbiViolation extends RuntimeException {

    AbiViolation(String message) {
        super(message, null, false, false);
    }
}
