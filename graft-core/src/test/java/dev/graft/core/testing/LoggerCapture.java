package dev.graft.core.testing;

import dev.graft.core.GraftLoggers;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what one logger records (through System.Logger's default backend, java.util.logging)
 * instead of printing it, until closed: for tests that read the runtime's record of a failure, and
 * for those that make thousands of failures on purpose.
 *
 * <pre>{@code
 * try (LoggerCapture log = LoggerCapture.of(GraftLoggers.HOST_CALLS)) {
 *     ...
 *     log.records()
 * }
 * }</pre>
 */
public final class LoggerCapture implements AutoCloseable {

    // held strongly while capturing: java.util.logging keeps loggers only weakly, and would forget the settings
    private final Logger logger;
    private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Level level;
    private final boolean parents;

    private LoggerCapture(String name) {
        logger = Logger.getLogger(name);
        level = logger.getLevel();
        parents = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
    }

    /** Starts capturing the logger {@code name}, at every level. */
    public static LoggerCapture of(String name) {
        return new LoggerCapture(name);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parents);
        logger.setLevel(level);
    }
}
