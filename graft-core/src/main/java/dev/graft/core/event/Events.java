package dev.graft.core.event;

import dev.graft.core.GraftLoggers;
import dev.graft.core.jfr.JfrEvents;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where the host subscribes to {@link GraftEvent}s.
 *
 * <pre>{@code
 * try (Subscription s = graft.events().subscribe(event -> System.out.println(event))) { ... }
 * }</pre>
 *
 * <p>Subscribers may be added and removed from any thread, also from inside a subscriber. A
 * subscriber that throws is logged and does not stop the others.
 */
public final class Events {

    private static final System.Logger LOG = System.getLogger(GraftLoggers.EVENTS);
    private static final System.Logger RELOAD_LOG = System.getLogger(GraftLoggers.RELOAD);
    private static final System.Logger RETIRE_LOG = System.getLogger(GraftLoggers.RETIRE);
    private static final System.Logger PATCH_LOG = System.getLogger(GraftLoggers.PATCH);

    private final List<Consumer<? super GraftEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribes; close the returned subscription to stop receiving. */
    public Subscription subscribe(Consumer<? super GraftEvent> subscriber) {
        // wrap, so the same consumer subscribed twice is two subscriptions, each removable alone
        Consumer<? super GraftEvent> entry = subscriber::accept;
        subscribers.add(entry);
        return () -> subscribers.remove(entry);
    }

    /**
     * Records events for JFR (when a recording asks for them) and logs them at DEBUG (see
     * {@link GraftLoggers}), and delivers them in order to every subscriber. Called without the
     * lifecycle lock held.
     */
    public void publish(List<? extends GraftEvent> events) {
        for (GraftEvent event : events) {
            JfrEvents.record(event);
            System.Logger log = switch (event) {
                case GraftEvent.Retired e -> RETIRE_LOG;
                case GraftEvent.Patched e -> PATCH_LOG;
                case GraftEvent.Restored e -> PATCH_LOG;
                default -> RELOAD_LOG;
            };
            if (log.isLoggable(Level.DEBUG)) {
                log.log(Level.DEBUG, event.toString());
            }
            for (Consumer<? super GraftEvent> s : subscribers) {
                try {
                    s.accept(event);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    // an AssertionError in a test's subscriber, say: logged, the others still hear
                    LOG.log(Level.WARNING, "event subscriber failed on " + event, e);
                }
            }
        }
    }

    /** A subscription; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
