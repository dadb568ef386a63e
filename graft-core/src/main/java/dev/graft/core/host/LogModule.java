package dev.graft.core.host;

import dev.graft.api.host.Log;
import dev.graft.core.GraftLoggers;
import java.lang.System.Logger.Level;

/**
 * The built-in {@code graft.log} for one plugin version: the host's {@link System.Logger} named
 * {@code graft.plugin.<id>}, each message tagged {@code [id@version]} so that two versions
 * running side by side during a reload can be told apart.
 */
final class LogModule implements Log {

    private final System.Logger logger;
    private final String tag;

    LogModule(String pluginId, String pluginVersion) {
        this.logger = System.getLogger(GraftLoggers.PLUGIN_PREFIX + pluginId);
        this.tag = "[" + pluginId + "@" + pluginVersion + "] ";
    }

    @Override
    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    @Override
    public void info(String message) {
        log(Level.INFO, message);
    }

    @Override
    public void warn(String message) {
        log(Level.WARNING, message);
    }

    @Override
    public void error(String message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, String message) {
        if (logger.isLoggable(level)) {
            logger.log(level, tag + message);
        }
    }
}
