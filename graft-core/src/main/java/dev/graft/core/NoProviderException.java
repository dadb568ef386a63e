package dev.graft.core;

/** No loaded plugin provides the contract in a version that satisfies the request. */
public class NoProviderException extends GraftException {

    public NoProviderException(String message) {
        super(message);
    }
}
