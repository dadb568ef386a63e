package dev.graft.polyglot;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The contexts of one plugin version, each used by one call at a time: a JavaScript context
 * refuses a second thread while one is in it, and a Python context would serialise them anyway.
 *
 * <p>Bounded: at most {@code max} contexts, so that any number of calling threads (virtual
 * threads included) makes at most that many; a call that finds all busy waits for one, up to the
 * call deadline. Contexts are made on demand (the first one while the version is prepared), each
 * in a slot of its own for its life; a call takes the first idle one, so a lightly used version
 * keeps one warm context. Why a pool rather than a context per thread: per-thread contexts are
 * unbounded under virtual threads, and each costs 10 to 20 ms (JavaScript) or 200+ ms (Python) to
 * make and 80 KB or more to keep (docs/polyglot-plugins.md, "Concurrency"). On the call path a
 * steady caller pays one compare-and-set of its slot's state to take its context and one volatile
 * store of it to give it back (the context's deadline adds a release store to start the call and a
 * compare-and-set to end it, {@link GuestContext}); nothing is allocated, and no reference is stored: a reference
 * stored into an old object costs G1 a memory fence in its write barrier, so slots hold their
 * contexts for life and only an {@code int} changes per call.
 *
 * <p>Why the bound holds: a context is made only by a caller that moved an {@code EMPTY} slot to
 * {@code BUSY} (a CAS, which one caller wins), and lives in that slot until it is retired, when
 * the slot becomes {@code EMPTY} again; there are {@code max} slots.
 *
 * <p>One caller at a time per context: only a CAS from {@code IDLE} makes a slot {@code BUSY}, and
 * only the call holding it makes it {@code IDLE} again, with a volatile store after its last use
 * of the context, which the next taker's CAS reads: the one's use happens-before the other's.
 * {@link #contexts} is written only by the holder of the slot, before that store.
 *
 * <p>Closing is safe while calls run: {@link #close} closes the idle contexts; a call in flight
 * keeps its context and closes it when it gives it back. Why this is sound: {@link #release} puts
 * the context back first (a volatile store), then reads {@link #closed}; {@code close} writes
 * {@code closed} first, then drains the slots. Both are volatile, so whichever order the two
 * threads run in, one of them sees the other and drains the context (taking it from its slot is
 * a CAS from {@code IDLE}, which hands it to one thread only), so every context is closed exactly
 * once and none while a call is in it; a release store instead of the volatile one would let both
 * miss each other and leave the context open ({@code G3ScriptPoolCloseRaceTest} races the two and
 * catches that variant). A call that reaches a version already closed (it read the
 * provider just before a reload published the next version) still runs in it: it makes a
 * context, which its release closes; G1 lets a call that started before the publish run in the
 * old version.
 */
final class ContextPool {

    /** The longest a waiting call sleeps between looks at the slots. */
    private static final long MAX_BACKOFF_NANOS = 1_000_000L;
    /** A slot's states: no context; its context idle; its context held by a call (or being made, or retired). */
    private static final int EMPTY = 0;
    private static final int IDLE = 1;
    private static final int BUSY = 2;

    private final GuestProgram program;
    /** Slot i's context, or null; see the class comment for who writes it. */
    private final GuestContext[] contexts;
    private final AtomicIntegerArray states;
    /** Every open context, for the watchdog. */
    final CopyOnWriteArrayList<GuestContext> open = new CopyOnWriteArrayList<>();
    private final int max;
    private volatile boolean closed;

    ContextPool(GuestProgram program, int max) {
        this.program = program;
        this.max = max;
        this.contexts = new GuestContext[max];
        this.states = new AtomicIntegerArray(max);
    }

    /** Takes the first context, made while the version was prepared (so that a failure refused it before it was published). */
    void first(GuestContext context) {
        context.slot = 0;
        contexts[0] = context;
        open.add(context);
        states.set(0, IDLE);
    }

    /** A context for one call; give it back with {@link #release}. */
    GuestContext acquire(FunctionBinding function) {
        for (int i = 0; i < max; i++) {
            if (states.get(i) == IDLE && states.compareAndSet(i, IDLE, BUSY)) {
                return contexts[i];
            }
        }
        return await(function);
    }

    /** None idle: make one in an empty slot, else wait for one. */
    private GuestContext await(FunctionBinding function) {
        long deadline = System.nanoTime() + program.callTimeout.toNanos();
        long backoff = 10_000L;
        while (true) {
            for (int i = 0; i < max; i++) {
                int state = states.get(i);
                if (state != BUSY && states.compareAndSet(i, state, BUSY)) {
                    return state == IDLE ? contexts[i] : make(i, function);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                throw new GuestCallException(program.pluginId, program.versionLabel, function.name(),
                        "expected a free context within " + program.callTimeout.toMillis() + " ms, found all " + max + " busy"
                                + (Thread.currentThread().isInterrupted() ? " and the waiting thread interrupted" : ""), null);
            }
            LockSupport.parkNanos(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /** Makes a context in empty slot {@code slot}, which the caller holds. */
    private GuestContext make(int slot, FunctionBinding function) {
        GuestContext context;
        try {
            context = program.open();
        } catch (RuntimeException | Error e) {
            states.set(slot, EMPTY);
            throw new GuestCallException(program.pluginId, program.versionLabel, function.name(),
                    "expected a new context to evaluate as the first did, found it failed: " + e.getMessage(), e);
        }
        context.slot = slot;
        contexts[slot] = context;
        open.add(context);
        return context;
    }

    /** Gives a context back after a call; see the class comment for why this is sound with {@link #close}. */
    void release(GuestContext context) {
        if (context.broken()) {
            retire(context);
            return;
        }
        states.set(context.slot, IDLE);
        if (closed) {
            drain();
        }
    }

    /** Closes the idle contexts now and the busy ones when their calls return. */
    void close() {
        closed = true;
        drain();
    }

    boolean isClosed() {
        return closed;
    }

    private void drain() {
        for (int i = 0; i < max; i++) {
            if (states.compareAndSet(i, IDLE, BUSY)) {
                retire(contexts[i]);
            }
        }
    }

    /** Closes a context whose slot the caller holds, and empties the slot. */
    private void retire(GuestContext context) {
        open.remove(context);
        context.close();
        contexts[context.slot] = null;
        states.set(context.slot, EMPTY);
    }

    /** The program, for the watchdog's deadline. */
    GuestProgram program() {
        return program;
    }
}
