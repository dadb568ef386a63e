package dev.graft.polyglot;

import dev.graft.core.GraftException;
import dev.graft.core.jfr.JfrEvents;

/**
 * A call into a JavaScript or Python plugin failed: the guest threw (the message carries the
 * guest's own stack trace), it ran past the call deadline and was interrupted, or it returned a
 * value the contract's type cannot hold. Names the plugin version and the guest function. The
 * context the call ran in stays usable, so the next call works.
 */
public class GuestCallException extends GraftException {

    private final String pluginId;
    private final String function;

    public GuestCallException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super("plugin '" + pluginId + "' (" + versionLabel + "), function " + function + ": " + message, cause);
        this.pluginId = pluginId;
        this.function = function;
        JfrEvents.callFailed(pluginId, versionLabel, function, getClass(), message);
    }

    /** The plugin whose guest failed. */
    public String pluginId() {
        return pluginId;
    }

    /** The guest function the call was in. */
    public String function() {
        return function;
    }
}
