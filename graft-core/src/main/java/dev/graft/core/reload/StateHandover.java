package dev.graft.core.reload;

import dev.graft.core.PluginException;
import dev.graft.core.QuiesceTimeoutException;
import dev.graft.core.StateMappingException;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.spi.PluginState;
import dev.graft.core.state.StateMapper;
import dev.graft.core.state.StateReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Step 3 of a reload for one plugin (docs/reload.md, "Quiesce and hand the state over"): gives the
 * new version its state, before it starts and before it is published.
 *
 * <ul>
 *   <li>No state in the new version: nothing to do; the old state, if any, is dropped with the old version.</li>
 *   <li>No state in the old version (or a first load): the new version starts from its defaults.</li>
 *   <li>The same shape in storage both can share (a host-owned block): the new version shares it.
 *       No quiesce, no copy: callers never wait.</li>
 *   <li>Otherwise: quiesce the old version (new calls wait at its gate, calls in flight finish, in
 *       it and in older versions still sharing its storage), read its state, map it into the new
 *       shape, install the result in the new version. The old state is only read.</li>
 * </ul>
 *
 * <p>Why no update is lost: an update is made by a call, and a call runs in one version (G1). When
 * the state is shared, old and new calls update one storage, as concurrent calls of one version do.
 * When it is mapped, the read comes after every call that entered the old version, or an older one
 * sharing its storage, has exited (their trackers are closed and drained; CallTracker's comment says
 * why no call slips in), so each finished call's update is in what is read; the calls that arrive
 * meanwhile wait at the gate and run in the new version once it is published, against the mapped
 * state.
 */
final class StateHandover {

    /** How many quiesce timeouts a caller waits at a gate at most. */
    static final int GATE_BOUND = 4;

    private StateHandover() {
    }

    /** A first load: defaults. */
    static StateReport fresh(PluginVersion next) {
        PluginState state = next.prepared().state();
        if (state == null) {
            return StateReport.NONE;
        }
        install(next, state, state.defaults());
        return StateReport.FRESH;
    }

    /**
     * Hands {@code old}'s state to {@code next}. When it quiesces, the old tracker is added to
     * {@code held} before waiting, so that the caller reopens it if anything later fails.
     */
    static StateReport handOver(PluginVersion old, PluginVersion next, long deadline, Duration timeout,
                                List<CallTracker> held) throws InterruptedException {
        PluginState to = next.prepared().state();
        PluginState from = old.prepared().state();
        if (to == null) {
            return from == null ? StateReport.NONE : StateReport.DROPPED;
        }
        if (from == null) {
            return fresh(next);
        }
        if (to.share(from)) {
            // older versions still draining keep writing the same storage: a later mapping must wait for them too
            List<CallTracker> sharing = new ArrayList<>(running(old.sharing()));
            sharing.add(old.tracker());
            next.sharing().addAll(sharing);
            return StateReport.SHARED;
        }
        // the new version's defaults do not depend on the old state: made before callers are held
        // (a JVM record's no-argument constructor is plugin code)
        Map<String, Object> defaults = to.defaults();
        quiesce(old, next, deadline, timeout, held);
        Map<String, Object> value;
        try {
            value = from.read();
        } catch (RuntimeException | LinkageError e) {
            throw new StateMappingException(next.id(), next.artifact().source(), null, "reading the state of " + old.label()
                    + " failed: " + e, e);
        }
        StateMapper.Mapped mapped;
        try {
            mapped = StateMapper.map(from.shape(), value, to.shape(), defaults);
        } catch (RuntimeException e) {
            throw new StateMappingException(next.id(), next.artifact().source(), null, "mapping the state of " + old.label()
                    + " " + from.shape() + " into " + to.shape() + " failed: " + e, e);
        }
        install(next, to, mapped.value());
        return mapped.report();
    }

    /**
     * Holds the old version's callers at its gate and waits until no call runs in it or in versions
     * sharing its state, until {@code deadline}. Callers wait at most {@link #GATE_BOUND} quiesce
     * timeouts at the gate: longer means the reload is stuck (a start that waits for a call into a
     * plugin this reload quiesces, on another thread), and a failed call beats a hang.
     */
    private static void quiesce(PluginVersion old, PluginVersion next, long deadline, Duration timeout,
                                List<CallTracker> held) throws InterruptedException {
        old.tracker().hold(timeout.toNanos() * GATE_BOUND);
        held.add(old.tracker());
        List<CallTracker> trackers = new ArrayList<>(old.sharing());
        trackers.add(old.tracker());
        for (CallTracker tracker : trackers) {
            if (!tracker.awaitDrained(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new QuiesceTimeoutException(old.id(), next.artifact().source(), "expected the calls in flight in "
                        + old.label() + (trackers.size() > 1 ? " and the older versions sharing its state" : "")
                        + " to finish within " + timeout.toMillis() + " ms, found " + tracker.inFlight() + " still running");
            }
        }
    }

    private static void install(PluginVersion next, PluginState state, Map<String, Object> value) {
        try {
            state.install(value);
        } catch (PluginException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new StateMappingException(next.id(), next.artifact().source(), null, "installing the state of "
                    + next.label() + " failed: " + e, e);
        }
    }

    /** The trackers of versions that may still run: closed ones that drained never run again. */
    private static List<CallTracker> running(List<CallTracker> trackers) {
        return trackers.stream().filter(t -> !(t.isClosed() && t.inFlight() == 0)).toList();
    }
}
