package dev.graft.core;

/**
 * A call reached a slot whose plugin is not loaded (it was unloaded, or the new version dropped the
 * contract). The proxy stays valid: calls answer again once a version providing it is loaded.
 */
public class ProviderUnavailableException extends GraftException {

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
