package dev.graft.natives;

import static java.lang.invoke.MethodType.methodType;

import dev.graft.core.GraftLoggers;
import dev.graft.core.host.HandleException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;

/**
 * What becomes of an exception thrown while a native guest calls a host module: a status and a
 * message for the guest, a log record and a pending cause for the host.
 *
 * <p>Why the exception must end here: an upcall that throws does not unwind into the guest (C has
 * no exceptions); FFM ends the JVM instead. So every upcall target is wrapped in a handler that
 * catches any {@link Throwable} from the conversions and the implementation alike and returns
 * {@link #report}'s status word, and {@code report} itself throws nothing.
 *
 * <p>The guest reads the message through {@code graft_host.error_message}: this thread's buffer,
 * written by the last failed host call on this thread and never moved or freed while the thread
 * lives (its segment is reachable from the thread's own map), so the pointer the guest gets stays
 * valid until its next failed host call on the same thread. The host sees the exception in its log
 * ({@code dev.graft.natives.HostCall}) and, if the guest fails its own call with the status it got,
 * as the cause of the {@link NativeCallException} ({@link #takePending}). What the guest got wrong
 * (a bad handle, a bad argument) and {@link Error}s are logged at WARNING; an exception the host
 * module threw on purpose at DEBUG, since the guest was told and the host wrote the throw.
 */
final class HostFailure {

    /** graft.h's statuses for host functions. */
    static final int HOST_FAILED = 2;
    static final int BAD_HANDLE = 3;
    static final int BAD_ARGUMENT = 4;

    /** The longest message a guest reads, NUL included; longer ones are cut at a character. */
    static final int MESSAGE_BYTES = 1024;

    private static final System.Logger LOG = System.getLogger(GraftLoggers.HOST_CALLS);
    private static final ThreadLocal<MemorySegment> MESSAGE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(MESSAGE_BYTES));
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();
    private static final MemorySegment NO_MESSAGE = Arena.global().allocateFrom("(the host could not keep a message)");

    /** {@code const char *error_message(void)}: one stub for the process, in every graft_host. */
    static final MemorySegment ERROR_MESSAGE = errorMessageStub();

    /** A host failure not yet claimed by a failure of the guest's own call on this thread. */
    private record Pending(String pluginId, int status, Throwable error) {
    }

    private HostFailure() {
    }

    /**
     * The status word for a failed host call, after writing the guest's message, logging the
     * failure and keeping it as this thread's pending cause. Throws nothing: see the class comment.
     */
    static long report(HostFunction function, Throwable error) {
        int status = statusOf(error);
        try {
            String message = function.describe() + ": " + describe(error);
            write(message);
            PENDING.set(new Pending(function.pluginId(), status, error));
            Level level = status != HOST_FAILED || !(error instanceof Exception) ? Level.WARNING : Level.DEBUG;
            if (LOG.isLoggable(level)) {
                LOG.log(level, "plugin '" + function.pluginId() + "' (" + function.versionLabel() + "): " + message
                        + "; the guest gets status " + status + " (" + statusName(status) + ")", error);
            }
        } catch (Throwable ignored) {
            // the guest still gets its status; there is nothing more the host can safely do here
        }
        return (long) status << 32;
    }

    /**
     * The host failure behind a failure the guest reported with {@code status} on this thread, if
     * the guest passed on a host status it got; clears it either way.
     */
    static Throwable takePending(String pluginId, int status) {
        Pending pending = PENDING.get();
        if (pending == null) {
            return null;
        }
        PENDING.remove();
        return pending.pluginId().equals(pluginId) && pending.status() == status ? pending.error() : null;
    }

    static int statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandleException) {
                return BAD_HANDLE;
            }
            if (t instanceof NativeArgumentException) {
                return BAD_ARGUMENT;
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

    /** Graft's own exceptions speak for themselves; anything else is named, since the host module threw it. */
    private static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandleException || t instanceof NativeArgumentException) {
                return t.getMessage();
            }
        }
        return "threw " + error;
    }

    /** Writes UTF-8, cut at a character boundary to fit with its NUL. */
    private static void write(String message) {
        MemorySegment buffer = MESSAGE.get();
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MESSAGE_BYTES - 1);
        while (length > 0 && length < bytes.length && (bytes[length] & 0xC0) == 0x80) {
            length--; // a continuation byte: the character began before the cut
        }
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, length);
        buffer.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
    }

    /** The target of {@link #ERROR_MESSAGE}. */
    private static MemorySegment message() {
        try {
            return MESSAGE.get();
        } catch (Throwable t) {
            return NO_MESSAGE;
        }
    }

    private static MemorySegment errorMessageStub() {
        try {
            return GuestCall.LINKER.upcallStub(
                    MethodHandles.lookup().findStatic(HostFailure.class, "message", methodType(MemorySegment.class)),
                    FunctionDescriptor.of(ValueLayout.ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
