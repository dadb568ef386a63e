package dev.graft.core.testing;

import dev.graft.core.event.GraftEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A subscriber that keeps every event, and lets a test wait (bounded) for one. */
public final class EventLog implements Consumer<GraftEvent> {

    private final List<GraftEvent> events = new ArrayList<>(); // guarded by this

    @Override
    public synchronized void accept(GraftEvent event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<GraftEvent> all() {
        return List.copyOf(events);
    }

    /** The events of one type, in the order they came. */
    public synchronized <E extends GraftEvent> List<E> all(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits (at most {@link Threads#TIMEOUT}) for an event of this type about this plugin. */
    public <E extends GraftEvent> E await(Class<E> type, String pluginId) {
        return await(type, e -> pluginId.equals(e.pluginId()));
    }

    /** Waits (at most {@link Threads#TIMEOUT}) for an event of this type that matches. */
    public <E extends GraftEvent> E await(Class<E> type, Predicate<? super E> matching) {
        return await(type, matching, Threads.TIMEOUT);
    }

    /** Waits at most {@code timeout} for an event of this type that matches; fails the test if none came. */
    public synchronized <E extends GraftEvent> E await(Class<E> type, Predicate<? super E> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<E> found = events.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected a matching " + type.getSimpleName() + " event within "
                        + timeout.toMillis() + " ms, found only " + events);
            }
            try {
                wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a " + type.getSimpleName() + " event", e);
            }
        }
    }
}
