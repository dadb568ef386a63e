package dev.graft.core.reload;

import dev.graft.core.PluginException;
import dev.graft.core.PluginStartException;
import dev.graft.core.QuiesceTimeoutException;
import dev.graft.core.slot.CallTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Steps 3 and 4 of a reload (docs/reload.md, "Quiesce" and "Publish"), and their undoing: the only
 * place where prepared versions become visible. Versions that take state are quiesced and hand
 * their state over, then every slot is pointed at the new versions; a failure before publishing
 * reopens the gates and releases every prepared version ({@link #rollBack}). Also taking a live
 * version out ({@link #withdraw}), for unload and close.
 *
 * <p>Used under the lifecycle lock only.
 */
final class Publisher {

    private final Registry registry;
    private final ArtifactStore store;
    private final Retirer retirer;
    private final Duration quiesceTimeout;

    Publisher(Registry registry, ArtifactStore store, Retirer retirer, Duration quiesceTimeout) {
        this.registry = registry;
        this.store = store;
        this.retirer = retirer;
        this.quiesceTimeout = quiesceTimeout;
    }

    /**
     * Steps 3 and 4. For each new version that keeps state: hold the old version's callers at the
     * gate, wait until none is in flight (the quiesce point), hand the state over. Then publish
     * every plugin's slots, dependencies first, and let held callers through to the new versions.
     *
     * <p>Quiescing goes dependents first: a dependent's call in flight may still call its
     * provider, so the provider is held only once its dependents have drained (holding it first
     * would leave that call waiting at the provider's gate, and the dependent never drained).
     */
    void publish(List<PluginVersion> olds, List<PluginVersion> news) {
        List<CallTracker> held = new ArrayList<>();
        try {
            for (int i = olds.size() - 1; i >= 0; i--) {
                PluginVersion old = olds.get(i);
                PluginVersion next = news.get(i);
                if (old.tracker() == null || !next.prepared().keepsState()) {
                    continue;
                }
                old.tracker().hold();
                held.add(old.tracker());
                if (!old.tracker().awaitDrained(quiesceTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new QuiesceTimeoutException(old.id(), next.artifact().source(), "expected the calls in flight in "
                            + old.label() + " to finish within " + quiesceTimeout.toMillis() + " ms, found "
                            + old.tracker().inFlight() + " still running");
                }
                handOverState(old, next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.forEach(CallTracker::reopen);
            rollBack(null, news);
            throw new PluginException(olds.getFirst().id(), null, "interrupted while quiescing", e);
        } catch (RuntimeException e) {
            held.forEach(CallTracker::reopen);
            rollBack(null, news);
            throw e;
        }
        for (PluginVersion next : news) {
            pointSlotsAt(next);
        }
        held.forEach(CallTracker::release);
        for (PluginVersion old : olds) {
            if (old.tracker() != null) {
                old.tracker().close();
            }
        }
    }

    /**
     * The quiesce point of step 3: no call runs in the old version and none can start in it. The
     * new version takes the old one's state.
     */
    private static void handOverState(PluginVersion old, PluginVersion next) {
        try {
            next.prepared().takeState(old.prepared());
        } catch (Exception | LinkageError e) {
            throw new PluginStartException(next.id(), next.artifact().source(), "taking state from "
                    + old.label() + " failed: " + e, e);
        }
    }

    /** Step 4 for a plugin not loaded yet: there is no old version to quiesce or to retire. */
    void publishFirst(PluginVersion version) {
        pointSlotsAt(version);
    }

    /** Every slot of the plugin pointed at the version in one write, and the registry records it as live. */
    private void pointSlotsAt(PluginVersion version) {
        registry.group(version.id()).publish(version.targets(), "version " + version.manifest().version()
                + " of plugin '" + version.id() + "' does not provide it");
        registry.put(version);
    }

    /** Takes a live version out: its slots become unavailable, and it is retired. */
    void withdraw(PluginVersion old, String reason, Outcome out) {
        registry.group(old.id()).publish(Map.of(), reason);
        registry.remove(old.id());
        if (old.tracker() != null) {
            old.tracker().close();
        }
        out.retire(old);
    }

    /** Undoes step 2 for versions prepared in a transaction that will not publish them. */
    void rollBack(Staged staged, List<PluginVersion> prepared) {
        if (staged != null) {
            store.delete(staged.artifact());
        }
        for (PluginVersion v : prepared.reversed()) {
            retirer.retireNow(v);
        }
    }
}
