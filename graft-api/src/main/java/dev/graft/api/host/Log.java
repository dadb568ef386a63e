package dev.graft.api.host;

import dev.graft.api.HostModule;

/**
 * The built-in logging host module: messages go to the host's {@link System.Logger}, under the
 * logger {@code graft.plugin.<id>}, tagged with the plugin's id and version.
 */
@HostModule(name = "graft.log", version = "1.0")
public interface Log {

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);
}
