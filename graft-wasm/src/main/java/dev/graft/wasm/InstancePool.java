package dev.graft.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The instances of one plugin version that serve concurrent calls. A wasm instance is
 * single-threaded; rather than serialising every call on one instance, each caller takes a
 * {@link Lane} (its home lane, chosen by thread id, else any idle one), runs in that lane's
 * instance, and gives it back. Instances are made on first use of a lane and replaced after a
 * call that failed in them; the pool never holds more than its capacity, and callers beyond it
 * wait (briefly spinning, then parking) for a lane. The call's deadline bounds the wait and the
 * run together: a caller still without a lane when its deadline passes fails with
 * {@link WasmWaitTimeoutException}, and one that got a lane after waiting tells the watchdog when
 * it started waiting, so its run gets only what is left of the deadline.
 * docs/wasm-plugins.md gives the measurements behind this choice.
 *
 * <p>Public only for the generated providers, which call {@link #acquire}, {@link #release} and
 * {@link #failed}; not an API. The generated code for a method reads:
 * <pre>{@code
 * Lane lane = pool.acquire(index);
 * try { long[] a = lane.guest().args(n); ...; r = convert(lane.guest().call(index, a)); }
 * catch (Throwable t) { throw pool.failed(lane, index, t); }
 * pool.release(lane, index);
 * return r;
 * }</pre>
 *
 * <p>Why this is sound across a reload: the core does not count calls into wasm versions
 * ({@code drainBeforeStop} is false), so {@link #close} may run while calls are in flight here,
 * or just before a caller that read the old target enters. {@code close} only drops the instances
 * of idle lanes; a lane busy at that moment drops its own when given back (its holder checks
 * {@code closed} after its releasing CAS, {@code close} writes {@code closed} before trying the
 * lanes, so one of them sees the other and the instance is dropped exactly once); and a caller
 * arriving after {@code close} is still served, by a fresh instance it drops afterwards (G1).
 */
public final class InstancePool {

    private static final int SPINS = 64;

    private final GuestModule module;
    private final Lane[] lanes;
    private final int mask;
    private final String pluginId;
    private final String label;
    private final String[] functions;
    private final Duration deadline;
    private final long deadlineNanos;
    private volatile boolean closed;

    /**
     * @param capacity  the most instances at once; rounded up to a power of two
     * @param functions the bound functions' export names, by index, for messages
     */
    InstancePool(GuestModule module, int capacity, String pluginId, String label, String[] functions, Duration deadline) {
        this.module = module;
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.lanes = new Lane[capacity == 1 ? 1 : size];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
        this.mask = lanes.length - 1;
        this.pluginId = pluginId;
        this.label = label;
        this.functions = functions;
        this.deadline = deadline;
        this.deadlineNanos = deadline.toNanos();
        Watchdog.SHARED.watch(this);
    }

    // ------------------------------------------------------------ the call path

    /**
     * Takes a lane with a ready instance for one call of {@code function} (named only if the call
     * cannot get one before its deadline).
     */
    public Lane acquire(int function) {
        Lane lane = lanes[(int) Thread.currentThread().threadId() & mask];
        if (!lane.tryAcquire()) {
            lane = contended(lane, function);
        }
        if (lane.guest == null || closed) {
            prepareLane(lane);
        }
        return lane;
    }

    /** Gives a lane back after a call that returned normally. */
    public void release(Lane lane, int function) {
        if (!lane.tryRelease()) {
            throw timedOut(lane, function, null); // finished, but only after the watchdog claimed it
        }
        if (closed) {
            dropInstance(lane);
        }
    }

    /**
     * Turns what a call threw into the exception its caller sees, discards the instance (a call
     * that stopped halfway may have left it inconsistent) and gives the lane back. Errors other
     * than a guest's stack overflow are rethrown as they are.
     */
    public RuntimeException failed(Lane lane, int function, Throwable thrown) {
        if (lane.expired()) {
            return timedOut(lane, function, thrown);
        }
        lane.guest = null;
        if (!lane.tryRelease()) {
            return timedOut(lane, function, thrown);
        }
        if (closed) {
            dropInstance(lane);
        }
        return translate(function, thrown);
    }

    // ------------------------------------------------------------ the slow paths

    /**
     * The home lane is busy: try the others, then wait for one, spinning, yielding, then parking,
     * until the call's deadline. The lane taken is told when the wait began, so that the watchdog
     * counts the deadline from there (wait and run together); a call that waited its whole
     * deadline fails without running.
     */
    private Lane contended(Lane home, int function) {
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            Lane taken = null;
            for (Lane lane : lanes) {
                if (lane != home && lane.tryAcquire()) {
                    taken = lane;
                    break;
                }
            }
            if (taken == null && home.tryAcquire()) {
                taken = home;
            }
            if (taken != null) {
                taken.waitedSince(start);
                return taken;
            }
            if (round < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            long left = deadlineNanos - (System.nanoTime() - start);
            if (left <= 0) {
                throw new WasmWaitTimeoutException(pluginId, label, name(function), deadline, lanes.length);
            }
            if (round < 2 * SPINS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, Math.min(left,
                        Math.min(1_000_000L, 10_000L << Math.min(6, (round - 2 * SPINS) / 8))));
            }
        }
    }

    /** First use of a lane, or after its instance was discarded; or a call arriving after {@link #close}. */
    private void prepareLane(Lane lane) {
        if (closed) {
            Watchdog.SHARED.watch(this); // a collected pool's watch ended; a late call still gets its deadline
        }
        if (lane.guest == null) {
            try {
                lane.guest = module.instantiate(lane);
            } catch (Throwable t) {
                throw failed(lane, -1, t);
            }
        }
    }

    private WasmTimeoutException timedOut(Lane lane, int function, Throwable cause) {
        lane.settleExpiry();
        if (closed) {
            dropInstance(lane);
        }
        return new WasmTimeoutException(pluginId, label, name(function), deadline, cause);
    }

    private RuntimeException translate(int function, Throwable thrown) {
        if (thrown instanceof AbiViolation v) {
            return new WasmAbiException(pluginId, label, name(function), v.getMessage());
        }
        if (thrown instanceof GuestFailure f) {
            // before looking for a trap: the cause, a host module's exception, may hold another plugin's
            return new WasmGuestException(pluginId, label, name(function), f.status(), f.getMessage(), f.getCause());
        }
        StateAccessFault state = stateFault(thrown);
        if (state != null) {
            return new WasmTrapException(pluginId, label, name(function), TrapKind.STATE_ACCESS, state.getMessage(), thrown);
        }
        Throwable guest = guestFault(thrown);
        if (guest != null) {
            // a host interrupt (not the watchdog's) stays set: Chicory only looked at the flag
            return new WasmTrapException(pluginId, label, name(function), TrapKind.of(guest),
                    guest instanceof ChicoryInterruptedException ? null : guest.getMessage(), thrown);
        }
        if (thrown instanceof RuntimeException e) {
            return e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(thrown);
    }

    /** A refused graft.state access in a cause chain (Chicory may wrap what a host function threw), if any. */
    private static StateAccessFault stateFault(Throwable thrown) {
        for (Throwable t = thrown; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StateAccessFault f) {
                return f;
            }
        }
        return null;
    }

    /** The innermost Chicory trap (or guest stack overflow) in a cause chain, if any. */
    private static Throwable guestFault(Throwable thrown) {
        Throwable found = null;
        for (Throwable t = thrown; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ChicoryException || t instanceof StackOverflowError) {
                found = t;
            }
        }
        return found;
    }

    private String name(int function) {
        return function < 0 ? "(instance initialisation)" : functions[function];
    }

    // ------------------------------------------------------------ lifecycle

    /** Makes the first instance now, so that a start function that fails refuses the load. */
    void warmUp() {
        Lane lane = acquire(-1);
        release(lane, -1);
    }

    /** Drops every instance not in use; those in use are dropped when their call returns. */
    void close() {
        closed = true;
        for (Lane lane : lanes) {
            if (lane.tryAcquire()) {
                lane.guest = null;
                lane.tryRelease();
            }
        }
    }

    private void dropInstance(Lane lane) {
        if (lane.tryAcquire()) {
            lane.guest = null;
            lane.tryRelease();
        }
    }

    Lane[] lanes() {
        return lanes;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public String toString() {
        return "InstancePool[" + label + ", " + lanes.length + " lanes]";
    }
}
