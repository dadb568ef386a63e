package dev.graft.natives;

import dev.graft.core.GraftException;

/**
 * A native guest passed a host module function something the host refuses: text that is not
 * UTF-8, a length no Java array holds, a NULL pointer for the result. The guest gets the status
 * {@code GRAFT_BAD_ARGUMENT} and this message; the host sees this exception in its log and as the
 * cause of the guest's failure, if the guest reports it.
 */
public class NativeArgumentException extends GraftException {

    public NativeArgumentException(String message) {
        super(message);
    }
}
