package dev.graft.polyglot;

/**
 * A call into a JavaScript or Python plugin ran past its deadline ({@code PolyglotSettings.callTimeout})
 * and the watchdog interrupted it; the context stays usable, so the next call works. Its own type,
 * so that a host can tell a call that took too long (which it may retry, or give more time) from a
 * guest that threw, without reading the message.
 */
public class GuestTimeoutException extends GuestCallException {

    public GuestTimeoutException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super(pluginId, versionLabel, function, message, cause);
    }
}
