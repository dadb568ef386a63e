package dev.graft.core;

/** Base of every exception the runtime throws on purpose. */
public class GraftException extends RuntimeException {

    public GraftException(String message) {
        super(message);
    }

    public GraftException(String message, Throwable cause) {
        super(message, cause);
    }
}
