package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 and G3 for a context bound to a thread (ContextPool's class comment): a platform thread keeps
 * calling one version through its provider, as a caller that read the provider just before a
 * reload does, while the reload closes that version. The thread's bound context is closed under
 * it only when no call is in it, and a call that begins in it after that is served by another
 * context: every call answers, before the close and after it; once the calls stop, the closed
 * version has no context open. Were the close not to check for a call beginning (GuestContext's
 * class comment), a late call would run in a closed context and fail. Many reloads, each closing
 * a version while its bound caller runs; repeated, since it is a race.
 */
class G1ScriptBoundContextCloseTest {

    private static final int ROUNDS = 40;
    private static final int LATE_CALLS = 2; // each makes a context of its own once the bound one is closed: a late call is rare

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void callsOnABoundContextAnswerWhileItsVersionCloses() throws Exception {
        Path v1 = Scripts.js(dir, "greeting.js", Scripts.greeting("greeting", "1.0.0"), Scripts.jsGreeting("v1 ", 1));
        AtomicReference<PolyglotPlugin> latest = new AtomicReference<>();
        try (Graft graft = JsGreetingRuntime.build(2, latest::set)) {
            graft.load(v1);
            for (int round = 0; round < ROUNDS; round++) {
                PolyglotPlugin version = latest.get();
                ContextPool pool = version.pool();
                Greeting provider = (Greeting) version.provisions().getFirst().implementation();
                ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger lateCalls = new AtomicInteger();
                Thread caller = Thread.ofPlatform().start(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        boolean late = pool.isClosed();
                        try {
                            int answer = provider.next(n);
                            if (answer != n + 1) {
                                wrong.add("expected " + (n + 1) + ", found " + answer);
                            }
                        } catch (RuntimeException e) {
                            wrong.add(e.toString());
                        }
                        if (late && lateCalls.incrementAndGet() >= LATE_CALLS) {
                            return;
                        }
                    }
                });
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pool.boundContexts() == 0 && System.nanoTime() < waitUntil) {
                    Thread.onSpinWait();
                }
                assertEquals(1, pool.boundContexts(), "the caller bound the version's context to itself");
                graft.reload("greeting", v1); // publishes a new version and closes this one, the caller still calling it
                caller.join(TimeUnit.SECONDS.toMillis(30));
                stop.set(true);
                caller.join();
                assertEquals(List.of(), List.copyOf(wrong), "calls that failed or answered wrongly in round " + round);
                assertEquals(LATE_CALLS, lateCalls.get(), "calls made after the version closed");
                assertTrue(ClosedPools.awaitEmpty(pool), "expected every context of the closed version closed, found "
                        + pool.open.size() + " open");
                assertEquals(0, pool.boundContexts(), "bindings left in a closed version");
            }
        }
    }
}
