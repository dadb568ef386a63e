package dev.graft.polyglot;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The contexts of one plugin version, each used by one call at a time: a JavaScript context
 * refuses a second thread while one is in it, and a Python context would serialise them anyway.
 *
 * <p>Bounded: at most {@code max} contexts, so that any number of calling threads (virtual
 * threads included) makes at most that many; a call that finds all busy waits for one, up to the
 * call deadline. Contexts are made on demand (the first one while the version is prepared) and
 * kept; the most recently used is handed out first, so a lightly used version keeps one warm
 * context. Why a pool rather than a context per thread: per-thread contexts are unbounded under
 * virtual threads, and each costs 10 to 20 ms (JavaScript) or 200+ ms (Python) to make and 80 KB
 * or more to keep; with the pool, a steady caller reuses the same context, so the cost of reuse is
 * a semaphore permit and a deque operation (docs/polyglot-plugins.md, "Concurrency").
 *
 * <p>Closing is safe while calls run: {@link #close} closes the idle contexts; a call in flight
 * keeps its context and closes it when it gives it back. Why this is sound: {@link #release} puts
 * the context back first, then reads {@link #closed}; {@code close} writes {@code closed} first,
 * then drains the idle ones. Whichever order the two threads run in, one of them drains the
 * context ({@code pollFirst} hands each to one thread only), so every context is closed exactly
 * once and none while a call is in it. A call that reaches a version already closed (it read the
 * provider just before a reload published the next version) still runs in it: it makes a context,
 * which its release closes; G1 lets a call that started before the publish run in the old version.
 */
final class ContextPool {

    private final GuestProgram program;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<GuestContext> idle = new ConcurrentLinkedDeque<>();
    /** Every open context, for the watchdog. */
    final CopyOnWriteArrayList<GuestContext> open = new CopyOnWriteArrayList<>();
    private final int max;
    private volatile boolean closed;

    ContextPool(GuestProgram program, int max) {
        this.program = program;
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** Takes the first context, made while the version was prepared (so that a failure refused it before it was published). */
    void first(GuestContext context) {
        open.add(context);
        idle.add(context);
    }

    /** A context for one call; give it back with {@link #release}. */
    GuestContext acquire(FunctionBinding function) {
        if (!permits.tryAcquire()) {
            await(function);
        }
        GuestContext context = idle.pollFirst();
        if (context == null) {
            try {
                context = program.open();
            } catch (RuntimeException | Error e) {
                permits.release();
                throw new GuestCallException(program.pluginId, program.versionLabel, function.name(),
                        "expected a new context to evaluate as the first did, found it failed: " + e.getMessage(), e);
            }
            open.add(context);
        }
        return context;
    }

    private void await(FunctionBinding function) {
        boolean interrupted = false;
        try {
            if (permits.tryAcquire(program.callTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new GuestCallException(program.pluginId, program.versionLabel, function.name(),
                "expected a free context within " + program.callTimeout.toMillis() + " ms, found all " + max
                        + " busy" + (interrupted ? " and the waiting thread interrupted" : ""), null);
    }

    /** Gives a context back after a call; see the class comment for why this is sound with {@link #close}. */
    void release(GuestContext context) {
        if (context.broken()) {
            retire(context);
        } else {
            idle.addFirst(context);
            if (closed) {
                drain();
            }
        }
        permits.release();
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
        GuestContext context;
        while ((context = idle.pollFirst()) != null) {
            retire(context);
        }
    }

    private void retire(GuestContext context) {
        open.remove(context);
        context.close();
    }

    /** The program, for the watchdog's deadline. */
    GuestProgram program() {
        return program;
    }
}
