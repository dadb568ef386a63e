package dev.graft.wasm.testing;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what host calls log ({@code dev.graft.wasm.HostCall}, through System.Logger's default
 * backend, java.util.logging) instead of printing it: for tests that read the host side's record
 * of a failure, and for those that make failures on purpose.
 */
public final class HostCallLog implements AutoCloseable {

    // held strongly: java.util.logging keeps loggers only weakly, and would forget the settings
    private static final Logger LOGGER = Logger.getLogger("dev.graft.wasm.HostCall");

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
    private final Level level = LOGGER.getLevel();
    private final boolean parents = LOGGER.getUseParentHandlers();

    private HostCallLog() {
        LOGGER.addHandler(handler);
        LOGGER.setUseParentHandlers(false);
        LOGGER.setLevel(Level.ALL);
    }

    public static HostCallLog capture() {
        return new HostCallLog();
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        LOGGER.removeHandler(handler);
        LOGGER.setUseParentHandlers(parents);
        LOGGER.setLevel(level);
    }
}
