package dev.graft.core.reload;

import dev.graft.core.PluginException;
import dev.graft.core.patch.Patches;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.state.StateReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final Patches patches;

    Publisher(Registry registry, ArtifactStore store, Retirer retirer, Duration quiesceTimeout, Patches patches) {
        this.registry = registry;
        this.patches = patches;
        this.store = store;
        this.retirer = retirer;
        this.quiesceTimeout = quiesceTimeout;
    }

    /**
     * Steps 3 and 4. For each new version with state: hand it its state ({@link StateHandover}:
     * shared, or mapped at the old version's quiesce point, its callers held at the gate), then
     * start it. Then publish every plugin's slots, dependencies first, and let held callers through
     * to the new versions. Returns what happened to the state of each new version, in order.
     *
     * <p>Quiescing goes dependents first: a dependent's call in flight may still call its
     * provider, so the provider is held only once its dependents have drained (holding it first
     * would leave that call waiting at the provider's gate, and the dependent never drained).
     * Starting goes providers first, as loading does.
     */
    Published publish(List<PluginVersion> olds, List<PluginVersion> news, Outcome out) {
        List<CallTracker> held = new ArrayList<>();
        long quiesceStart = 0;
        StateReport[] reports = new StateReport[news.size()];
        // one budget for the whole transaction: callers held at the first gate wait for every later drain
        long deadline = System.nanoTime() + quiesceTimeout.toNanos();
        boolean handedOver = false;
        try {
            for (int i = olds.size() - 1; i >= 0; i--) {
                int heldBefore = held.size();
                long before = System.nanoTime();
                reports[i] = StateHandover.handOver(olds.get(i), news.get(i), deadline, quiesceTimeout, held);
                if (heldBefore == 0 && !held.isEmpty()) {
                    quiesceStart = before;
                }
            }
            startThoseWithState(news);
            handedOver = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(olds.getFirst().id(), news.getFirst().artifact().source(), "interrupted while quiescing", e);
        } finally {
            // whatever went wrong (an Error from a plugin's start included), the gates open again and
            // nothing prepared here stays: callers go on in the old versions, whose state was only read
            if (!handedOver) {
                held.forEach(CallTracker::reopen);
                rollBack(null, news);
            }
        }
        for (PluginVersion next : news) {
            pointSlotsAt(next, out);
        }
        Duration quiesced = held.isEmpty() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - quiesceStart);
        held.forEach(CallTracker::release);
        for (PluginVersion old : olds) {
            if (old.tracker() != null) {
                old.tracker().close();
            }
        }
        return new Published(List.of(reports), quiesced);
    }

    /**
     * What {@link #publish} did: the state report of each new version, in order, and how long
     * callers were held at the first gate until they were let through to the new versions (zero
     * when no version quiesced).
     */
    record Published(List<StateReport> states, Duration quiesce) {
    }

    /**
     * Step 4 for a plugin not loaded yet: there is no old version to quiesce or to retire. A
     * version with state gets its defaults and starts first; if that fails it is released.
     */
    void publishFirst(PluginVersion version, Outcome out) {
        boolean started = false;
        try {
            StateHandover.fresh(version);
            startThoseWithState(List.of(version));
            started = true;
        } finally {
            if (!started) {
                rollBack(null, List.of(version));
            }
        }
        pointSlotsAt(version, out);
    }

    /** Starts, providers first, the versions with state, which {@link Preparer} left unstarted until they had it. */
    private static void startThoseWithState(List<PluginVersion> versions) {
        for (PluginVersion version : versions) {
            if (!version.started().get()) {
                Preparer.start(version);
            }
        }
    }

    /**
     * Every slot of the plugin pointed at the version in one write, and the registry records it as
     * live; then its patches replace its previous version's (each patchable function switches in one
     * write of its own), before the previous version is closed, so a refused call finds the new body.
     */
    private void pointSlotsAt(PluginVersion version, Outcome out) {
        registry.group(version.id()).publish(version.targets(), "version " + version.manifest().version()
                + " of plugin '" + version.id() + "' does not provide it");
        registry.put(version);
        patches.supply(version.id(), version.label(), version.patches()).forEach(out::consequence);
    }

    /** Takes a live version out: its slots become unavailable, and it is retired. */
    void withdraw(PluginVersion old, String reason, Outcome out) {
        registry.group(old.id()).publish(Map.of(), reason);
        registry.remove(old.id());
        patches.withdraw(old.id()).forEach(out::consequence);
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
