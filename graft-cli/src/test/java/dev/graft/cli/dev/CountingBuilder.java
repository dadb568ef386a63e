package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's builder of its own kind, for folders naming it in graft-dev.properties: builds as the
 * WAT builder does, counts its builds, and, once {@link #holdNextBuild()} was called, makes the
 * next build wait until the test {@link #release()}s it, so that a test can save while a build
 * runs without making any real builder slow.
 */
final class CountingBuilder implements SourceBuilder {

    private final String kind;
    private final String missing;
    private final SourceBuilder wat = new WatSourceBuilder();
    private final AtomicInteger builds = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile CountDownLatch entered;
    private volatile CountDownLatch gate;

    /** A builder of kind {@code kind} whose toolchain is there. */
    CountingBuilder(String kind) {
        this(kind, null);
    }

    /** A builder of kind {@code kind} whose toolchain is missing ({@code missing} says so), or there ({@code missing} null). */
    CountingBuilder(String kind, String missing) {
        this.kind = kind;
        this.missing = missing;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** Only folders naming the kind in graft-dev.properties. */
    @Override
    public boolean accepts(Path folder) {
        return false;
    }

    @Override
    public Optional<String> missingToolchain() {
        return Optional.ofNullable(missing);
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        builds.incrementAndGet();
        if (armed.compareAndSet(true, false)) {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
        }
        return wat.build(folder, context);
    }

    /** How many builds started. */
    int builds() {
        return builds.get();
    }

    /** Makes the next build wait in {@link #build} until {@link #release()}. */
    void holdNextBuild() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        armed.set(true);
    }

    /** Waits until the held build has started. */
    void awaitHeld() throws InterruptedException {
        if (!entered.await(Outcomes.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("expected the held build to start within " + Outcomes.PATIENCE.toSeconds() + " s");
        }
    }

    /** Lets the held build go on. */
    void release() {
        gate.countDown();
    }
}
