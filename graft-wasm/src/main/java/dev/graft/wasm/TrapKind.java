package dev.graft.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import java.util.Locale;

/** Why a guest stopped abnormally, read from the exception Chicory raised. */
public enum TrapKind {
    UNREACHABLE("unreachable executed"),
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION("invalid conversion to integer"),
    INDIRECT_CALL_MISMATCH("indirect call type mismatch"),
    NULL_REFERENCE("null reference"),
    /** A {@code graft.state} access outside the plugin's state or misaligned (the detail says which). */
    STATE_ACCESS("invalid state access"),
    STACK_EXHAUSTED("call stack exhausted"),
    /** The calling thread was interrupted by the host (not by the deadline) while in the guest. */
    INTERRUPTED("interrupted by the host"),
    OTHER("runtime error");

    private final String description;

    TrapKind(String description) {
        this.description = description;
    }

    /** How messages name it. */
    public String description() {
        return description;
    }

    /** Classifies what Chicory threw (its trap exceptions carry the spec's wording) or the JVM raised. */
    static TrapKind of(Throwable t) {
        if (t instanceof ChicoryInterruptedException) {
            return INTERRUPTED;
        }
        if (t instanceof StackOverflowError) {
            return STACK_EXHAUSTED;
        }
        String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("unreachable")) {
            return UNREACHABLE;
        } else if (m.contains("out of bounds memory")) {
            return MEMORY_OUT_OF_BOUNDS;
        } else if (m.contains("out of bounds table") || m.contains("undefined element") || m.contains("uninitialized element")) {
            return TABLE_OUT_OF_BOUNDS;
        } else if (m.contains("divide by zero")) {
            return DIVIDE_BY_ZERO;
        } else if (m.contains("integer overflow")) {
            return INTEGER_OVERFLOW;
        } else if (m.contains("invalid conversion")) {
            return INVALID_CONVERSION;
        } else if (m.contains("indirect call")) {
            return INDIRECT_CALL_MISMATCH;
        } else if (m.contains("null")) {
            return NULL_REFERENCE;
        } else if (m.contains("call stack exhausted")) {
            return STACK_EXHAUSTED;
        }
        return OTHER;
    }
}
