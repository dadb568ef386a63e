package dev.graft.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.graft.core.InstanceStats;
import dev.graft.core.spi.PoolCounters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The instances of one plugin version that serve concurrent calls. A wasm instance is
 * single-threaded; rather than serialising every call on one instance, each caller holds a
 * {@link Lane} for its call, runs in that lane's instance, and gives it back. Instances are made
 * on first use of a lane and replaced after a call that failed in them; the pool never holds more
 * than its capacity, and callers beyond it wait (briefly spinning, then parking) for a lane. The
 * call's deadline bounds the wait and the run together: a caller still without a lane when its
 * deadline passes fails with {@link WasmWaitTimeoutException}, and one that got a lane after
 * waiting tells the watchdog when it started waiting, so its run gets only what is left of the
 * deadline. docs/wasm-plugins.md gives the measurements behind these choices.
 *
 * <p>Two kinds of pool, by how the {@link Watchdog} stops a call past its deadline:
 * <ul>
 *   <li><b>Cooperative</b> (the module is compiled with Graft's stop check, {@link StopHook}, and
 *       imports no host module function): the watchdog asks the call to stop, and the guest's
 *       own check throws on the calling thread. No interrupt, so no race with the call's return:
 *       a call costs no locked instruction. A platform thread binds a lane of its own on its first
 *       call (while at most half the lanes are bound) and then enters and leaves it with plain
 *       release stores; other callers (virtual threads, threads beyond the bound half, a thread
 *       whose home slot another thread's lane holds) take shared lanes with one CAS.</li>
 *   <li><b>Interrupting</b> (interpreted modules, modules with interpreted functions, modules that
 *       import host module functions, which may block where only an interrupt wakes them): every
 *       call takes a shared lane with a CAS and gives it back with a CAS, the handshake that keeps
 *       the watchdog's interrupt inside the call ({@link Lane}).</li>
 * </ul>
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
 * of idle shared lanes; in an interrupting pool a lane busy at that moment drops its own when
 * given back (its holder checks {@code closed} after its releasing CAS, {@code close} writes
 * {@code closed} before trying the lanes, so one of them sees the other). Every other instance
 * goes with the pool, which nothing references once the version is retired and its calls have
 * returned (the lanes are reached only through the pool, never from a thread); a cooperative
 * pool's call path reads no {@code closed} at all. A caller arriving after {@code close} is still
 * served, by the instance of its lane or a fresh one (G1), and the watchdog still watches the
 * pool: its watch ends only once the pool is collected, and a caller holds it.
 */
public final class InstancePool {

    private static final int SPINS = 64;
    private static final int MIN_HOMES = 64;
    private static final VarHandle HOMES = MethodHandles.arrayElementVarHandle(Lane[].class);

    private final GuestModule module;
    private final Lane[] lanes;
    private final int mask;
    private final boolean cooperative;
    /** Cooperative pools: the lane bound to a thread, at its id's slot (one slot, always empty, otherwise). */
    private final Lane[] homes;
    private final int homeMask;
    private final int maxBound;
    private final AtomicInteger bound = new AtomicInteger();
    private final VarHandle stopHook;
    private final Runnable stopper = this::stopIfRequested;
    private boolean stopArmed; // watchdog-private
    private final String pluginId;
    private final String label;
    private final String[] functions;
    private final Duration deadline;
    private final long deadlineNanos;
    private volatile boolean closed;
    /** Instances made, calls that waited, waits that timed out: counted on the slow paths only. */
    private final PoolCounters counters = new PoolCounters();

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
        this.cooperative = module.cooperative();
        this.stopHook = module.stopHook();
        this.homes = new Lane[cooperative ? Math.max(MIN_HOMES, 4 * lanes.length) : 1];
        this.homeMask = homes.length - 1;
        this.maxBound = cooperative ? lanes.length / 2 : 0;
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
     * cannot get one before its deadline). The fast path of a cooperative pool: the current
     * thread's bound lane, found at its id's slot, entered with one release store; of an
     * interrupting pool: its shared lane, taken with one CAS.
     */
    public Lane acquire(int function) {
        if (cooperative) {
            return acquireHome(homes, function);
        }
        // an interrupting pool binds no lane: the thread's shared lane, taken by CAS, as before bound lanes
        Lane lane = shared(Thread.currentThread(), function);
        if (lane.guest == null) {
            prepareLane(lane);
        }
        return lane;
    }

    /**
     * {@link #acquire} for a cooperative pool, with its table of bound lanes given by the caller:
     * a generated provider passes {@link #homes()} as a constant of its own, so that the JIT folds
     * the table and its length (a field of this class it could not fold).
     */
    public Lane acquireHome(Lane[] homes, int function) {
        Thread me = Thread.currentThread();
        Lane lane = homes[(int) me.threadId() & (homes.length - 1)];
        if (lane == null || !lane.tryEnter(me)) {
            lane = acquireSlow(me, function, true);
        }
        if (lane.guest == null) {
            prepareLane(lane);
        }
        return lane;
    }

    /** {@link #release} for a cooperative pool: one release store. */
    public void releaseHome(Lane lane) {
        lane.leave();
    }

    /** Gives a lane back after a call that returned normally. */
    public void release(Lane lane, int function) {
        if (cooperative) {
            releaseHome(lane);
            return;
        }
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
        if (cooperative) {
            boolean stopped = lane.stopRequested();
            lane.guest = null;
            lane.leave();
            return stopped ? new WasmTimeoutException(pluginId, label, name(function), deadline, thrown) : translate(function, thrown);
        }
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
        if (cooperative) {
            reclaimBindingsOfEndedThreads(); // short of lanes: the lanes of threads that ended count
        }
        for (int round = 0; ; round++) {
            Lane taken = null;
            for (Lane lane : lanes) {
                if (lane != home && take(lane)) {
                    taken = lane;
                    break;
                }
            }
            if (taken == null && take(home)) {
                taken = home;
            }
            if (taken != null) {
                taken.waitedSince(start);
                return taken;
            }
            if (round == 0) {
                counters.waiting(); // every lane was busy or bound at the first look
            }
            if (round < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            long left = deadlineNanos - (System.nanoTime() - start);
            if (left <= 0) {
                throw waitTimedOut(function);
            }
            if (round < 2 * SPINS) {
                Thread.yield();
            } else {
                if (cooperative) {
                    reclaimBindingsOfEndedThreads(); // a thread that ended while this call waited frees its lane for it
                }
                LockSupport.parkNanos(this, Math.min(left,
                        Math.min(1_000_000L, 10_000L << Math.min(6, (round - 2 * SPINS) / 8))));
            }
        }
    }

    /**
     * Not the current thread's bound lane: bind one (a platform thread in a cooperative pool, once,
     * while the bound half has room), else take a shared lane, waiting if none is free.
     */
    private Lane acquireSlow(Thread me, int function, boolean mayBind) {
        if (mayBind && cooperative && !me.isVirtual()) {
            Lane lane = bind(me);
            if (lane != null) {
                lane.enter();
                return lane;
            }
        }
        return shared(me, function);
    }

    /** The shared lane at {@code me}'s slot, or, if it is taken, another ({@link #contended}). */
    private Lane shared(Thread me, int function) {
        Lane home = lanes[(int) me.threadId() & mask];
        return take(home) ? home : contended(home, function);
    }

    private boolean take(Lane lane) {
        return cooperative ? lane.tryTake() : lane.tryAcquire();
    }

    /**
     * Binds an idle lane to {@code me} and publishes it at its home slot; null if the slot holds
     * a live thread's lane, the bound half is full, or no lane is idle. A slot whose thread ended
     * is freed first.
     */
    private Lane bind(Thread me) {
        int slot = (int) me.threadId() & homeMask;
        Lane home = (Lane) HOMES.getAcquire(homes, slot);
        if (home != null) {
            Thread owner = home.owner; // written before the slot was published (release), read after it (acquire)
            if (owner == me || owner.isAlive()) {
                return null; // another live thread's lane (or ours, busy: a nested call shares)
            }
            unbind(slot, home);
        }
        if (bound.get() >= maxBound) {
            return null;
        }
        if (bound.incrementAndGet() > maxBound) {
            bound.decrementAndGet();
            return null;
        }
        for (Lane lane : lanes) {
            if (lane.tryBind()) {
                if (HOMES.compareAndSet(homes, slot, null, lane)) {
                    return lane;
                }
                lane.tryUnbind(); // another thread with the same slot bound first
                break;
            }
        }
        bound.decrementAndGet();
        return null;
    }

    /**
     * Frees the slot and lane of a thread that ended. Why this is sound: the thread's end
     * synchronizes-with {@link Thread#isAlive} returning false (JLS 17.4.4), so its last use of the
     * lane happens-before the next; the slot is cleared before the lane is unbound, so no thread
     * finds the lane at a slot once another can take it.
     */
    private void unbind(int slot, Lane lane) {
        if (HOMES.compareAndSet(homes, slot, lane, null)) {
            lane.tryUnbind();
            bound.decrementAndGet();
        }
    }

    private void reclaimBindingsOfEndedThreads() {
        if (bound.get() == 0) {
            return;
        }
        for (int slot = 0; slot < homes.length; slot++) {
            Lane lane = (Lane) HOMES.getAcquire(homes, slot);
            if (lane != null && !lane.owner.isAlive()) {
                unbind(slot, lane);
            }
        }
    }

    /**
     * The stop check's slow path, on a calling thread, run by the compiled guest while the watchdog
     * has a call of this pool to stop ({@link StopHook}): throws if it is this thread's call.
     */
    private void stopIfRequested() {
        for (Lane lane : lanes) {
            if (lane.stopRequestedForCurrentThread()) {
                throw new ChicoryInterruptedException("the call's deadline passed");
            }
        }
    }

    /** Watchdog: arms the guest's stop check while some call of this pool is asked to stop, disarms it after. */
    void armStopCheck(boolean pending) {
        if (pending != stopArmed) {
            stopArmed = pending;
            stopHook.setVolatile(pending ? stopper : null);
        }
    }

    boolean cooperative() {
        return cooperative;
    }

    /** First use of a lane, or after its instance was discarded (also by {@link #close}). */
    private void prepareLane(Lane lane) {
        try {
            lane.guest = module.instantiate(lane);
            counters.made();
        } catch (Throwable t) {
            throw failed(lane, -1, t);
        }
    }

    /**
     * A wait that outlasted the deadline, with what the lanes were doing when it ended: bound to
     * other threads (which never lend them, even idle), or busy with shared calls. A snapshot, read
     * without taking anything: the message explains, it decides nothing.
     */
    private WasmWaitTimeoutException waitTimedOut(int function) {
        counters.waitTimedOut();
        int boundToOthers = 0;
        int idleBound = 0;
        int busy = 0;
        for (Lane lane : lanes) {
            if (lane.boundToOther()) {
                boundToOthers++;
                idleBound += lane.busy() ? 0 : 1;
            } else if (lane.busy()) {
                busy++;
            }
        }
        return new WasmWaitTimeoutException(pluginId, label, name(function), deadline, lanes.length, busy, boundToOthers, idleBound);
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
        Lane lane = acquireSlow(Thread.currentThread(), -1, false); // the loading thread binds no lane
        if (lane.guest == null) {
            prepareLane(lane);
        }
        release(lane, -1);
    }

    /** Drops the instances of idle shared lanes; the others go with the pool (or, interrupting, when their holder sees {@code closed}). */
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

    /**
     * What the pool holds now and has done, for {@code Graft.stats()}: a snapshot read without
     * taking anything (each lane's state word, then its instance), so a call that begins or ends
     * meanwhile may or may not be in it. The instance field is read without synchronization, and
     * only compared with null: a reference is read whole (JLS 17.7), and a stale one is a
     * snapshot's usual error.
     */
    InstanceStats stats() {
        int open = 0;
        int inCall = 0;
        for (Lane lane : lanes) {
            inCall += lane.busy() ? 1 : 0;
            open += lane.guest != null ? 1 : 0;
        }
        return counters.snapshot(lanes.length, open, inCall, bound.get());
    }

    /** A cooperative pool's table of bound lanes, by thread id (its length a power of two). */
    Lane[] homes() {
        return homes;
    }

    GuestModule module() {
        return module;
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
