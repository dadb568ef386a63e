package dev.graft.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A thread that reloads the benchmark plugin over and over, alternating its two jars, with a
 * pause between reloads: the background of the "under reload" benchmarks.
 */
final class Reloader implements AutoCloseable {

    private final CounterRuntime runtime;
    private final Duration pause;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile int reloads;
    private volatile Throwable failure;

    private Reloader(CounterRuntime runtime, Duration pause) {
        this.runtime = runtime;
        this.pause = pause;
        this.thread = Thread.ofPlatform().name("bench-reloader").daemon().unstarted(this::run);
    }

    /** Starts reloading {@code runtime}'s plugin, pausing {@code pause} after each reload. */
    static Reloader start(CounterRuntime runtime, Duration pause) {
        Reloader reloader = new Reloader(runtime, pause);
        reloader.thread.start();
        return reloader;
    }

    private void run() {
        Path[] jars = {runtime.jars().second(), runtime.jars().first()};
        try {
            // the latch is the pause: close() ends it at once, without interrupting a reload
            while (!stop.await(pause.toNanos(), TimeUnit.NANOSECONDS)) {
                runtime.graft().reload(CounterJars.PLUGIN_ID, jars[reloads % 2]);
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
