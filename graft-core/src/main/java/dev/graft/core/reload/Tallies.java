package dev.graft.core.reload;

import dev.graft.core.event.GraftEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counts behind {@code Graft.stats()}: loads, reloads and failures per plugin, and its last
 * reload, counted from the runtime's events as they are published (every load, reload, unload,
 * retirement and failure is one). Nothing on the call path.
 *
 * <p>Why this is sound: events are published by the thread that finished a transaction and by the
 * retirer's threads at once; each plugin's tally is an immutable value replaced with
 * {@link ConcurrentHashMap#merge}, atomic per key, so no count is lost and a reader sees whole
 * tallies.
 */
final class Tallies {

    /** One plugin's counts; {@code kind} is the last version's kind, {@code lastReload} null before any. */
    record Tally(String kind, long loads, long reloads, long failures, GraftEvent.Reloaded lastReload) {
        static final Tally NONE = new Tally(null, 0, 0, 0, null);

        Tally plus(Tally more) {
            return new Tally(more.kind != null ? more.kind : kind, loads + more.loads, reloads + more.reloads,
                    failures + more.failures, more.lastReload != null ? more.lastReload : lastReload);
        }
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** Counts one event; events of no plugin (an artifact whose id could not be read) count for none. */
    void count(GraftEvent event) {
        if (event.pluginId() == null) {
            return;
        }
        Tally more = switch (event) {
            case GraftEvent.Loaded e -> new Tally(e.kind(), 1, 0, 0, null);
            case GraftEvent.Reloaded e -> new Tally(null, 0, 1, 0, e);
            case GraftEvent.Failed e -> new Tally(null, 0, 0, 1, null);
            case GraftEvent.Unloaded e -> Tally.NONE;
            case GraftEvent.Retired e -> Tally.NONE;
            case GraftEvent.Patched e -> Tally.NONE;
            case GraftEvent.Restored e -> Tally.NONE;
        };
        tallies.merge(event.pluginId(), more, Tally::plus);
    }

    Optional<Tally> of(String pluginId) {
        return Optional.ofNullable(tallies.get(pluginId));
    }

    /** Every plugin any event was about. */
    java.util.Set<String> ids() {
        return tallies.keySet();
    }
}
