package dev.graft.api.host;

import dev.graft.api.HostModule;

/** The built-in configuration host module: the key/values the host set for this plugin. */
@HostModule(name = "graft.config", version = "1.0")
public interface Config {

    /** Whether the host set {@code key} for this plugin. */
    boolean has(String key);

    /** The value of {@code key}, or the empty string if the host did not set it. */
    String get(String key);
}
