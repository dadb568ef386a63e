package dev.graft.natives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * Who answers for one bound guest function: the plugin, the contract and the signature, named by
 * every error of a call; and the plugin's entry points that failures and owned results need.
 * A call that succeeds touches it only when it reads a result from guest memory (to release it,
 * and to fence the guard); an {@code int -> int} call never does.
 *
 * <p>The downcall of a contract function keeps the version's {@link CallGuard} reachable while it
 * runs; what a call does in the library after it (reading memory the guest points at, calling
 * {@code release} or {@code error_message}) is followed by {@link #fence}, so the library stays
 * mapped until the call is done with it.
 *
 * @param contract     the contract as {@code name@version}, or null for a patch or an entry point
 * @param name         the contract method's name, the patched function's, or the entry point's
 * @param function     the function as the plugin has it ({@code fn greet(str) -> str}, a sidecar's C prototype)
 * @param errorMessage {@code () -> const char*}, the message of this thread's last failure, or null
 * @param release      {@code (ptr, len) -> void}, frees an owned result, or null
 * @param guard        the version's guard, or null for the entries run by the core's sequence (init, shutdown)
 */
record GuestFunction(String pluginId, String contract, String name, String function, MethodHandle errorMessage,
                     MethodHandle release, CallGuard guard) {

    /** The longest failure message read from a guest. */
    private static final int MESSAGE_LIMIT = 4096;

    /**
     * The exception for a graft_result word whose status is not 0: a {@link NativeCallException}
     * for a contract function or a patch (which records the JFR {@code dev.graft.CallFailed} event,
     * as every failed plugin call does), a {@link NativeEntryPointException} for init and shutdown
     * (no guard: their failure fails a load or a retirement, which the core reports). If the guest
     * passed on the status a host module call just failed with on this thread, that failure is the
     * cause.
     */
    RuntimeException failure(long word) {
        int status = (int) (word >>> 32);
        String what = "failed with status " + status + ": " + message();
        Throwable host = HostFailure.takePending(pluginId, status);
        return guard == null ? new NativeEntryPointException(pluginId, name, status, what, host)
                : new NativeCallException(pluginId, guard.label(), contract, name, function, status, what, host);
    }

    /** The exception for a result the host refuses: only contract functions and patches return results, and have a guard. */
    NativeCallException refused(String what) {
        return new NativeCallException(pluginId, guard.label(), contract, name, function, 0, what, null);
    }

    /** Frees an owned result once its bytes are copied. */
    void release(MemorySegment ptr, long len) {
        if (release == null) {
            return; // refused at link time for functions that can return owned bytes
        }
        try {
            release.invokeExact(ptr, len);
        } catch (Throwable t) {
            throw new IllegalStateException("releasing a result of " + function + " failed", t);
        } finally {
            fence();
        }
    }

    /** Keeps the library mapped up to here: call once done with what a downcall left in library memory. */
    void fence() {
        if (guard != null) {
            guard.fence();
        }
    }

    /** The guest's message, read right after the failed call on the same thread (see graft.h). */
    private String message() {
        try {
            return readMessage();
        } finally {
            fence();
        }
    }

    private String readMessage() {
        if (errorMessage == null) {
            return "(the plugin's descriptor has no error_message entry)";
        }
        MemorySegment text;
        try {
            text = (MemorySegment) errorMessage.invokeExact();
        } catch (Throwable t) {
            return "(reading the message failed: " + t + ")";
        }
        if (text.equals(MemorySegment.NULL)) {
            return "(no message)";
        }
        // a diagnostic: decoded leniently (invalid bytes become U+FFFD), cut at the limit
        byte[] bytes = CStrings.read(text, MESSAGE_LIMIT)
                .orElseGet(() -> text.reinterpret(MESSAGE_LIMIT).toArray(ValueLayout.JAVA_BYTE));
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
