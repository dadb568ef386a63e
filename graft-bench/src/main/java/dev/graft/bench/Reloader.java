package dev.graft.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A thread that reloads over and over, with a pause between reloads: the background of the
 * benchmarks that measure calls during or after reloads.
 */
final class Reloader implements AutoCloseable {

    private final Runnable reload;
    private final Duration pause;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile int reloads;
    private volatile Throwable failure;

    private Reloader(Runnable reload, Duration pause) {
        this.reload = reload;
        this.pause = pause;
        this.thread = Thread.ofPlatform().name("bench-reloader").daemon().unstarted(this::run);
    }

    /** Starts running {@code reload} again and again, pausing {@code pause} after each. */
    static Reloader start(Runnable reload, Duration pause) {
        Reloader reloader = new Reloader(reload, pause);
        reloader.thread.start();
        return reloader;
    }

    private void run() {
        try {
            // the latch is the pause: close() ends it at once, without interrupting a reload
            while (!stop.await(pause.toNanos(), TimeUnit.NANOSECONDS)) {
                reload.run();
                reloads++; // only this thread writes it
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Reloads done so far. */
    int reloads() {
        return reloads;
    }

    /** Stops after the reload in progress, if any; a reload that failed fails the benchmark here. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("a background reload failed after " + reloads + " reloads", failure);
        }
    }
}
