package dev.graft.polyglot;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Gate;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A runtime with a JavaScript plugin {@code gated} whose {@code greet("hold")} stays in a host
 * function, deaf to the deadline's interrupt, until {@link #release}: a call that holds its
 * context for as long as a test needs, for the tests of waiting for a context.
 */
final class GatedPlugin implements AutoCloseable {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    final Graft graft;
    final Greeting greeting;

    GatedPlugin(Path dir, PolyglotSettings settings) throws IOException {
        this(dir, settings, "");
    }

    /** @param manifest more manifest lines ({@code state = greetings: i64}) */
    GatedPlugin(Path dir, PolyglotSettings settings, String manifest) throws IOException {
        Path file = Scripts.js(dir, "gated.js", Scripts.greeting("gated", "1.0.0") + "imports = test.gate@1.0\n" + manifest, """
                function greet(name) { if (name === 'hold') { test_gate.pass(); } return 'v1 ' + name; }
                function next(n) { return n + 1; }
                """);
        graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(new JsPluginLoader(settings))
                .hostModule(Gate.class, context -> () -> {
                    entered.countDown();
                    while (open.getCount() > 0) { // deaf to the deadline's interrupt: the call stays in the host
                        try {
                            open.await();
                        } catch (InterruptedException e) {
                            // keep holding
                        }
                    }
                })
                .grant("gated", Gate.class)
                .build();
        graft.load(file);
        greeting = graft.contract(Greeting.class);
    }

    /**
     * Starts a virtual thread whose {@code greet("hold")} call holds a context until {@link #release}.
     * Its outcome is its own: an answer, or, if the deadline's interrupt lands once the host lets
     * it go, a timeout, which the thread swallows.
     */
    Thread startHeldCall() {
        return Thread.ofVirtual().start(() -> {
            try {
                greeting.greet("hold");
            } catch (GuestTimeoutException e) {
                // stopped after the host let it go: its own outcome
            }
        });
    }

    /**
     * Starts a platform thread that calls once, so that it keeps the context it gives back, bound
     * to itself (while the pool's bound half has room), then lives on, idle, until {@code end}, as a
     * startup thread would; returns once its call is over.
     */
    Thread startBinder(CountDownLatch end) throws InterruptedException {
        CountDownLatch called = new CountDownLatch(1);
        Thread binder = Thread.ofPlatform().start(() -> {
            greeting.next(1);
            called.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!called.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("expected the binder's call to return within 30 s, found it still running");
        }
        return binder;
    }

    /** Waits until a {@code greet("hold")} call is in the host function; false after 30 s. */
    boolean awaitHeld() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    /** Lets the held call return. */
    void release() {
        open.countDown();
    }

    @Override
    public void close() {
        release();
        graft.close();
    }
}
