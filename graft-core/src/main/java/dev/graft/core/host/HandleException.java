package dev.graft.core.host;

import dev.graft.core.GraftException;
import dev.graft.core.jfr.JfrEvents;

/**
 * A handle that cannot be used: the message says what was expected and what was found. Guests
 * get an error status instead; the host side sees this exception.
 */
public class HandleException extends GraftException {

    /** Why a handle was refused. */
    public enum Reason {
        /** never issued by this runtime (a forged or corrupted value) */
        UNKNOWN,
        /** issued, but released since (or its scope closed) */
        RELEASED,
        /** issued to another plugin, or to another version of this plugin */
        FOREIGN,
        /** live, but its object is not of the type asked for */
        WRONG_TYPE,
        /** a scoped handle where an owned one is needed, or the other way round */
        WRONG_KIND
    }

    private final Reason reason;
    private final long handle;

    public HandleException(Reason reason, long handle, String message) {
        super(message);
        this.reason = reason;
        this.handle = handle;
        // made only when a handle is refused, never on a call that succeeds (G6)
        JfrEvents.handleRefused(this);
    }

    public Reason reason() {
        return reason;
    }

    public long handle() {
        return handle;
    }
}
