package dev.graft.polyglot;

import dev.graft.core.PluginCallException;

/**
 * A call into a JavaScript or Python plugin failed: the guest threw (the message carries the
 * guest's own stack trace), it ran past the call deadline and was interrupted, or it returned a
 * value the contract's type cannot hold. Names the plugin version and the guest function. The
 * context the call ran in stays usable, so the next call works.
 */
public class GuestCallException extends PluginCallException {

    public GuestCallException(String pluginId, String versionLabel, String function, String message, Throwable cause) {
        super(pluginId, versionLabel, function, message, cause);
    }
}
