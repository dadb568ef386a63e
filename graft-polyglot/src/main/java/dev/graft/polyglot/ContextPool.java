package dev.graft.polyglot;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The contexts of one plugin version, each used by one call at a time: a JavaScript context
 * refuses a second thread while one is in it, and a Python context would serialise them anyway.
 *
 * <p>Bounded: at most {@code max} contexts, so that any number of calling threads (virtual
 * threads included) makes at most that many; a call that finds all busy waits for one, up to the
 * call deadline. Contexts are made on demand (the first one while the version is prepared) and
 * kept in {@code max} idle slots; a call takes the first idle one, so a lightly used version keeps
 * one warm context. Why a pool rather than a context per thread: per-thread contexts are unbounded
 * under virtual threads, and each costs 10 to 20 ms (JavaScript) or 200+ ms (Python) to make and
 * 80 KB or more to keep (docs/polyglot-plugins.md, "Concurrency"). On the call path a steady caller
 * pays one compare-and-set to take its context and one to give it back; nothing is allocated.
 *
 * <p>Why the bound holds: {@link #made} counts the open contexts and is raised (a CAS below
 * {@code max}) before a context is made and lowered when one is retired; so at most {@code max}
 * exist, and a context given back always finds an empty slot (the others hold at most
 * {@code max - 1}).
 *
 * <p>Closing is safe while calls run: {@link #close} closes the idle contexts; a call in flight
 * keeps its context and closes it when it gives it back. Why this is sound: {@link #release} puts
 * the context back first, then reads {@link #closed}; {@code close} writes {@code closed} first,
 * then drains the slots. Whichever order the two threads run in, one of them drains the context
 * (taking it from its slot is a {@code getAndSet}, which hands it to one thread only), so every
 * context is closed exactly once and none while a call is in it. A call that reaches a version
 * already closed (it read the provider just before a reload published the next version) still
 * runs in it: it makes a context, which its release closes; G1 lets a call that started before the
 * publish run in the old version.
 */
final class ContextPool {

    /** The longest a waiting call sleeps between looks at the slots. */
    private static final long MAX_BACKOFF_NANOS = 1_000_000L;

    private final GuestProgram program;
    private final AtomicReferenceArray<GuestContext> idle;
    private final AtomicInteger made = new AtomicInteger();
    /** Every open context, for the watchdog. */
    final CopyOnWriteArrayList<GuestContext> open = new CopyOnWriteArrayList<>();
    private final int max;
    private volatile boolean closed;

    ContextPool(GuestProgram program, int max) {
        this.program = program;
        this.max = max;
        this.idle = new AtomicReferenceArray<>(max);
    }

    /** Takes the first context, made while the version was prepared (so that a failure refused it before it was published). */
    void first(GuestContext context) {
        made.incrementAndGet();
        open.add(context);
        idle.set(0, context);
    }

    /** A context for one call; give it back with {@link #release}. */
    GuestContext acquire(FunctionBinding function) {
        GuestContext context = takeIdle();
        return context != null ? context : await(function);
    }

    /** All contexts busy or none idle yet: make one while fewer than {@code max} exist, else wait for one. */
    private GuestContext await(FunctionBinding function) {
        GuestContext context;
        long deadline = System.nanoTime() + program.callTimeout.toNanos();
        long backoff = 10_000L;
        while (true) {
            int count = made.get();
            if (count < max && made.compareAndSet(count, count + 1)) {
                return make(function);
            }
            context = takeIdle();
            if (context != null) {
                return context;
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

    private GuestContext takeIdle() {
        for (int i = 0; i < max; i++) {
            GuestContext context = idle.get(i);
            if (context != null && idle.compareAndSet(i, context, null)) {
                return context;
            }
        }
        return null;
    }

    /** Makes a context; its place was counted in {@link #made} by the caller. */
    private GuestContext make(FunctionBinding function) {
        GuestContext context;
        try {
            context = program.open();
        } catch (RuntimeException | Error e) {
            made.decrementAndGet();
            throw new GuestCallException(program.pluginId, program.versionLabel, function.name(),
                    "expected a new context to evaluate as the first did, found it failed: " + e.getMessage(), e);
        }
        open.add(context);
        return context;
    }

    /** Gives a context back after a call; see the class comment for why this is sound with {@link #close}. */
    void release(GuestContext context) {
        if (context.broken()) {
            retire(context);
            return;
        }
        for (int i = 0; ; i = (i + 1) % max) {
            if (idle.compareAndSet(i, null, context)) {
                break; // an empty slot is always there: see the class comment
            }
        }
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
            GuestContext context = idle.getAndSet(i, null);
            if (context != null) {
                retire(context);
            }
        }
    }

    private void retire(GuestContext context) {
        open.remove(context);
        context.close();
        made.decrementAndGet();
    }

    /** The program, for the watchdog's deadline. */
    GuestProgram program() {
        return program;
    }
}
