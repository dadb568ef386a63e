package dev.graft.wasm;

import dev.graft.core.GraftLoggers;
import dev.graft.core.host.HandleException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;

/**
 * What becomes of an exception thrown while a wasm guest calls a host module: a status and a
 * message for the guest, a log record for the host. The statuses are native host functions' (graft.h),
 * so a guest's code and a host's documentation read the same for both kinds.
 *
 * <p>The host sees the failure in its log ({@code dev.graft.wasm.HostCall}): what the guest got
 * wrong (a bad handle, a bad argument) and {@link Error}s at WARNING; an exception the host module
 * threw on purpose at DEBUG, since the guest was told and the host wrote the throw. When the guest
 * passes the status on ({@code graft_fail}), the exception is the cause of the
 * {@link WasmGuestException} the host's caller catches.
 */
final class HostFailure {

    /** A guest's own failure, for guests without codes of their own; also what {@code fail(0, ...)} becomes. */
    static final int FAILED = 1;
    /** The host module's implementation threw, or its result could not be placed in the guest. */
    static final int HOST_FAILED = 2;
    /** A handle the core refused: released, forged, of another plugin or version, of another type. */
    static final int BAD_HANDLE = 3;
    /** An argument the host refuses: a pointer outside the guest's memory, text that is not UTF-8. */
    static final int BAD_ARGUMENT = 4;

    private static final System.Logger LOG = System.getLogger(GraftLoggers.HOST_CALLS);

    private HostFailure() {
    }

    static int statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandleException) {
                return BAD_HANDLE;
            }
            if (t instanceof HostCallRefusal r) {
                return r.status();
            }
        }
        return HOST_FAILED;
    }

    static String statusName(int status) {
        return switch (status) {
            case BAD_HANDLE -> "GRAFT_BAD_HANDLE";
            case BAD_ARGUMENT -> "GRAFT_BAD_ARGUMENT";
            default -> "GRAFT_HOST_FAILED";
        };
    }

    /** Graft's own refusals speak for themselves; anything else is named, since the host module threw it. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandleException || t instanceof HostCallRefusal) {
                return t.getMessage();
            }
        }
        return "threw " + error;
    }

    static void log(BoundHostFunction function, int status, String message, Throwable error) {
        Level level = status != HOST_FAILED || !(error instanceof Exception) ? Level.WARNING : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "plugin '" + function.pluginId() + "' (" + function.versionLabel() + "): " + message
                    + "; the guest gets status " + status + " (" + statusName(status) + ")", error);
        }
    }

    /**
     * Whether the implementation failed because its thread was interrupted: the deadline's
     * watchdog (or the host) interrupted it, and the exception cleared the thread's flag. The flag
     * must be set again, or the guest would run on past its deadline once the status reaches it.
     */
    static boolean interrupted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
