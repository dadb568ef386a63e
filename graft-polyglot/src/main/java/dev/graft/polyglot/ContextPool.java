package dev.graft.polyglot;

import dev.graft.core.InstanceStats;
import dev.graft.core.spi.PoolCounters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The contexts of one plugin version, each used by one call at a time: a JavaScript context
 * refuses a second thread while one is in it, and a Python context would serialise them anyway.
 *
 * <p>Bounded: at most {@code max} contexts, so that any number of calling threads (virtual
 * threads included) makes at most that many; a call that finds all busy waits for one, up to the
 * call deadline, which then counts from the start of the wait (one deadline for wait and run).
 * Contexts are made on demand (the first one while the version is prepared), each in a slot of
 * its own for its life; a call takes the first idle one, so a lightly used version keeps one warm
 * context. Why a pool rather than a context per thread: per-thread contexts are
 * unbounded under virtual threads, and each costs 10 to 20 ms (JavaScript) or 200+ ms (Python) to
 * make and 80 KB or more to keep (docs/polyglot-plugins.md, "Concurrency").
 *
 * <p>Bound contexts: a platform thread that gives back a context while fewer than half the
 * contexts are bound keeps it, bound to itself ({@code BOUND}, published at its thread id's slot of
 * {@link #homes}); its later calls find it there and take it with no atomic instruction at all, a
 * compare-and-set being the costliest part of a short call left after the deadline's. Other
 * callers (virtual threads, threads beyond the bound half, a nested call on a thread whose bound
 * context is in use, a thread whose home slot another thread's context holds) share the rest:
 * one compare-and-set of the slot's state to take a context, a release store to give it back. A
 * binding ends when the version is closed, or, when callers find no context free, once its thread
 * has ended ({@link GuestContext#unbindIfOwnerEnded}). Binding makes no context: a thread binds one
 * it already holds. Nothing is allocated per call, and no reference is stored: a reference
 * stored into an old object costs G1 a memory fence in its write barrier, so slots hold their
 * contexts for life and only an {@code int} (and a bound context's own fields) changes per call.
 *
 * <p>Why the bound holds: a context is made only by a caller that moved an {@code EMPTY} slot to
 * {@code BUSY} (a CAS, which one caller wins), and lives in that slot until it is retired, when
 * the slot becomes {@code EMPTY} again; there are {@code max} slots.
 *
 * <p>One caller at a time per context: only a CAS from {@code IDLE} makes a slot {@code BUSY}, and
 * only the call holding it makes it {@code IDLE} again, with a release store after its last use
 * of the context, which the next taker's CAS (an acquire) reads: the one's use happens-before the
 * other's. {@link #contexts} is written only by the holder of the slot, before that store. A
 * bound context is used only by its owner (the fast path checks {@code owner} against the current
 * thread, and a nested call, which finds {@code inCall} set, goes to the shared slots), until the
 * owner has ended and the context is shared again.
 *
 * <p>Closing is safe while calls run: {@link #close} closes the idle contexts; a call in flight
 * keeps its context, and it is closed once given back: by the call itself if it sees
 * {@link #closed} after putting the context back, else by the watchdog, which {@link #drain}s every
 * closed pool it watches at each look (every 10 ms) until none of its contexts is open. Why this
 * is sound: taking a context from its slot to close it is a CAS from {@code IDLE}, which hands it to
 * one thread only, and only after its call gave it back, so every context is closed exactly once
 * and none while a call is in it; and none is left open, since a release store becomes visible to
 * the watchdog's later reads (release mode includes opaque mode's progress). The call's give-back
 * and {@code close} may miss each other (a release store, then a read: no fence between them),
 * which only defers the close to the watchdog's next look; the fence that would prevent it would
 * cost every call ({@code G3ScriptPoolCloseRaceTest} races the two). A call that reaches a version
 * already closed (it read the provider just before a reload published the next version) still runs
 * in it: it makes a context, closed once it is given back; G1 lets a call that started before the
 * publish run in the old version.
 *
 * <p>A bound context is closed by {@link GuestContext#closeIfIdle}, which closes it only if no call
 * is in it and turns away a call that begins in it afterwards (a handshake of the same kind as the
 * deadline's, explained there); the call then takes a shared context. Its owner tries that when it
 * ends a call and finds the pool closed, {@code close} and the watchdog try it for every bound
 * context (and try again at each look while a call is in one). {@code G1ScriptBoundContextCloseTest}
 * races late calls on a bound context against the close.
 */
final class ContextPool {

    /** The shortest and the longest a waiting call sleeps between looks at the slots. */
    private static final long MIN_BACKOFF_NANOS = 10_000L;
    private static final long MAX_BACKOFF_NANOS = 1_000_000L;
    /** A slot's states: no context; its context idle; held by a call (or being made, or retired); bound to a thread. */
    private static final int EMPTY = 0;
    private static final int IDLE = 1;
    private static final int BUSY = 2;
    private static final int BOUND = 3;
    private static final int MIN_HOMES = 64;
    private static final VarHandle HOMES = MethodHandles.arrayElementVarHandle(GuestContext[].class);

    private final GuestProgram program;
    /** Slot i's context, or null; see the class comment for who writes it. */
    private final GuestContext[] contexts;
    private final AtomicIntegerArray states;
    /** Every open context, for the watchdog. */
    final CopyOnWriteArrayList<GuestContext> open = new CopyOnWriteArrayList<>();
    /** The context bound to a thread, at its id's slot (a power of two long), or null. */
    private final GuestContext[] homes;
    private final int maxBound;
    private final AtomicInteger bound = new AtomicInteger();
    private final int max;
    /** Whether the plugin declares state, so the pool has one context (for messages). */
    private final boolean forState;
    private volatile boolean closed;
    /** Contexts made, calls that waited, waits that timed out: counted on the slow paths only. */
    private final PoolCounters counters = new PoolCounters();

    /**
     * @param maxContexts the most contexts ({@code PolyglotSettings.maxContexts})
     * @param forState    whether the plugin declares state: then one context, whatever {@code maxContexts}
     *                    says, so that its calls run one at a time and a guest's update of a field is
     *                    never lost ({@link ScriptState})
     */
    ContextPool(GuestProgram program, int maxContexts, boolean forState) {
        this.program = program;
        this.max = forState ? 1 : maxContexts;
        this.forState = forState;
        this.contexts = new GuestContext[max];
        this.states = new AtomicIntegerArray(max);
        this.maxBound = max / 2;
        this.homes = new GuestContext[maxBound == 0 ? 1 : Math.max(MIN_HOMES, Integer.highestOneBit(4 * max - 1) << 1)];
    }

    /** Takes the first context, made while the version was prepared (so that a failure refused it before it was published). */
    void first(GuestContext context) {
        context.slot = 0;
        contexts[0] = context;
        open.add(context);
        counters.made();
        states.set(0, IDLE);
    }

    /**
     * A context for one call of bound function {@code function}, its call begun ({@link GuestContext#begin}); give
     * it back with {@link #release}. The current thread's bound context if it has one and is not
     * in it already (a plain read of its home slot, which only this thread writes a context of its
     * own into), else a shared one. {@code homes} is {@link #homes()}, passed by the caller, which
     * holds it in a field of its own: one dependent load less on every call.
     */
    GuestContext acquire(GuestContext[] homes, int function) {
        Thread me = Thread.currentThread();
        GuestContext home = homes[homeSlot(homes, me)];
        if (home != null && home.owner == me && !home.inCall) {
            home.inCall = true;
            if (home.begin()) {
                return home;
            }
            home.inCall = false; // closed just now by the pool's closer: a shared context serves
        }
        return acquireShared(function);
    }

    /** {@code thread}'s slot in a table of bound contexts (its length a power of two). */
    private static int homeSlot(GuestContext[] homes, Thread thread) {
        return (int) thread.threadId() & (homes.length - 1);
    }

    /** The table of bound contexts, by thread id, for {@link #acquire}'s callers. */
    GuestContext[] homes() {
        return homes;
    }

    /**
     * A shared context, taken from its slot with a CAS, its call begun (never turned away: only a
     * bound context is closed under a caller); made, or waited for, if none is idle.
     */
    private GuestContext acquireShared(int function) {
        for (int i = 0; i < max; i++) {
            if (states.get(i) == IDLE && states.compareAndSet(i, IDLE, BUSY)) {
                GuestContext context = contexts[i];
                context.begin();
                return context;
            }
        }
        return await(function);
    }

    /**
     * None idle: make one in an empty slot, else wait for one, up to the call's deadline. A call
     * that waited tells the context when its wait began, so that the watchdog counts the deadline
     * from there: wait and run share one deadline. Making a context is not counted: its top level
     * has a deadline of its own.
     */
    private GuestContext await(int function) {
        long start = System.nanoTime();
        long deadline = start + program.callTimeout.toNanos();
        long backoff = MIN_BACKOFF_NANOS;
        boolean waiting = false;
        while (true) {
            if (backoff == MIN_BACKOFF_NANOS || backoff == MAX_BACKOFF_NANOS) {
                shareContextsOfEndedThreads(); // at the first look and then every ms: a thread that ends while callers wait frees its context
            }
            for (int i = 0; i < max; i++) {
                int state = states.get(i);
                if ((state == IDLE || state == EMPTY) && states.compareAndSet(i, state, BUSY)) {
                    long waited = waiting ? System.nanoTime() - start : 0;
                    GuestContext context = state == IDLE ? contexts[i] : make(i, function);
                    context.begin();
                    if (waiting) {
                        context.waited(waited);
                    }
                    return context;
                }
            }
            if (!waiting) {
                waiting = true;
                counters.waiting();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                counters.waitTimedOut();
                throw noFreeContext(function);
            }
            LockSupport.parkNanos(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /**
     * The failure of a call that waited its whole deadline, with what the contexts were doing when
     * the wait ended: busy with other calls, or bound to other threads (which never lend them, even
     * idle). A snapshot, read without taking anything: the message explains, it decides nothing.
     */
    private GuestWaitTimeoutException noFreeContext(int function) {
        int busy = 0;
        int bound = 0;
        int idleBound = 0;
        for (int i = 0; i < max; i++) {
            int state = states.get(i);
            GuestContext context = contexts[i];
            if (state == BUSY || (state == BOUND && context != null && context.owner == Thread.currentThread())) {
                busy++; // a shared context in a call, or this thread's own, in the call this one is nested in
            } else if (state == BOUND && context != null) {
                bound++;
                idleBound += context.running() ? 0 : 1;
            }
        }
        return new GuestWaitTimeoutException(program.pluginId, program.versionLabel, program.functions[function].name(),
                program.callTimeout, max, busy, bound, idleBound, Thread.currentThread().isInterrupted(), forState);
    }

    /** Makes a context in empty slot {@code slot}, which the caller holds. */
    private GuestContext make(int slot, int function) {
        GuestContext context;
        try {
            context = program.open();
        } catch (RuntimeException | Error e) {
            states.set(slot, EMPTY);
            throw noContext(function, "expected a new context to evaluate as the first did, found it failed: " + e.getMessage(), e);
        }
        context.slot = slot;
        contexts[slot] = context;
        open.add(context);
        counters.made();
        return context;
    }

    /** The failure of a call of bound function {@code function} that found no context to run in. */
    private GuestCallException noContext(int function, String message, Throwable cause) {
        return new GuestCallException(program.pluginId, program.versionLabel, program.functions[function].name(), message, cause);
    }

    /**
     * Ends the call and gives its context back: a bound context stays with its thread, a shared one
     * goes back to its slot or, while the bound half has room, becomes bound to a platform thread
     * that has none. See the class comment for why this is sound with {@link #close}.
     */
    void release(GuestContext context) {
        context.end();
        if (context.owner != null) { // bound, hence to this thread: only its owner calls in it
            context.inCall = false;
            if (context.broken() || closed) {
                closeBound(context);
            }
            return;
        }
        if (context.broken()) {
            retire(context);
            return;
        }
        if (bound.get() < maxBound && !closed && bind(context)) {
            return;
        }
        states.setRelease(context.slot, IDLE);
        if (closed) {
            drain();
        }
    }

    /**
     * Binds a shared context the current thread holds to it, if it is a platform thread with no
     * context at its home slot and the bound half has room. The binding is published by the CAS of
     * the home slot, after {@code owner} is written; the slot's state goes from {@code BUSY} to
     * {@code BOUND} only after that, which keeps other callers from taking the context and lets
     * the closer find it.
     */
    private boolean bind(GuestContext context) {
        Thread me = Thread.currentThread();
        int home = homeSlot(homes, me);
        if (me.isVirtual() || HOMES.getAcquire(homes, home) != null) {
            return false;
        }
        if (bound.incrementAndGet() > maxBound) {
            bound.decrementAndGet();
            return false;
        }
        context.owner = me;
        if (!HOMES.compareAndSet(homes, home, null, context)) {
            context.owner = null; // another thread of the same home slot bound first
            bound.decrementAndGet();
            return false;
        }
        states.set(context.slot, BOUND); // from BUSY, which kept the closer away until the binding was whole
        return true;
    }

    /** Closes a bound context if no call is in it (else it stays for a later try), and frees its slot and home. */
    private void closeBound(GuestContext context) {
        if (!context.closeIfIdle()) {
            return;
        }
        HOMES.compareAndSet(homes, homeSlot(homes, context.owner), context, null);
        if (states.compareAndSet(context.slot, BOUND, BUSY)) { // once, though owner and closer may both get here
            bound.decrementAndGet();
            free(context);
        }
    }

    /** Short of contexts: the contexts bound to threads that have ended are shared again. */
    private void shareContextsOfEndedThreads() {
        if (bound.get() == 0) {
            return;
        }
        for (int i = 0; i < homes.length; i++) {
            GuestContext context = (GuestContext) HOMES.getAcquire(homes, i);
            Thread owner = context == null ? null : context.owner; // a hint: the lock below decides
            if (owner != null && !owner.isAlive() && context.unbindIfOwnerEnded()) {
                HOMES.compareAndSet(homes, i, context, null);
                bound.decrementAndGet();
                states.setRelease(context.slot, IDLE);
            }
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

    /**
     * Closes every idle context, shared or bound: from {@link #close}, a call giving a context back
     * to a closed pool, and the watchdog.
     */
    void drain() {
        for (int i = 0; i < max; i++) {
            int state = states.get(i);
            if (state == IDLE && states.compareAndSet(i, IDLE, BUSY)) {
                retire(contexts[i]);
            } else if (state == BOUND) {
                GuestContext context = contexts[i]; // null, or another, if a closer freed the slot since
                if (context != null) {
                    closeBound(context);
                }
            }
        }
    }

    /** Closes a context whose slot the caller holds, and empties the slot. */
    private void retire(GuestContext context) {
        context.close();
        free(context);
    }

    /** Forgets a closed context whose slot the caller holds, and empties the slot. */
    private void free(GuestContext context) {
        open.remove(context);
        contexts[context.slot] = null;
        states.set(context.slot, EMPTY);
    }

    /**
     * What the pool holds now and has done, for {@code Graft.stats()}: a snapshot read without
     * taking anything (a slot's state, then its context), so a call that begins or ends meanwhile
     * may or may not be in it. A shared slot held by a call is in a call once its context is made;
     * a bound context is in one while its deadline's phase says so. Why reading {@link #contexts}
     * without synchronization is sound: a reference is read whole (JLS 17.7), and of a context
     * seen through the race only its phase is read, a volatile whose stale value says "not in a
     * call", which a snapshot may say anyway.
     */
    InstanceStats stats() {
        int inCall = 0;
        for (int i = 0; i < max; i++) {
            int state = states.get(i);
            GuestContext context = contexts[i];
            if (context != null && (state == BUSY || (state == BOUND && context.running()))) {
                inCall++;
            }
        }
        return counters.snapshot(max, open.size(), inCall, bound.get());
    }

    /** How many contexts are bound to threads now, for tests. */
    int boundContexts() {
        return bound.get();
    }

    /** The program, for the watchdog's deadline. */
    GuestProgram program() {
        return program;
    }
}
