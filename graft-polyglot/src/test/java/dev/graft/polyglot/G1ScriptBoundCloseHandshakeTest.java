package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The handshake that closes a context bound to a thread (GuestContext's class comment), raced
 * alone: the owner begins and ends calls without pause, the closer tries to close the context
 * until it has; no call may find the context closed between its begin and its end, and the owner's
 * next call is turned away once it is closed. Were the closer's claim a release store, or its
 * second read of the call's number left out, the closer could close the context in the middle of a
 * call that had just begun. Thousands of fresh contexts, each raced once; repeated, since it is a
 * race. The contexts are stand-ins (no polyglot context behind them): the race is the handshake's.
 */
class G1ScriptBoundCloseHandshakeTest {

    private static final int ROUNDS = 20_000;

    @RepeatedTest(3)
    void aBoundContextIsNeverClosedUnderACall() throws Exception {
        GuestContext[] contexts = new GuestContext[ROUNDS];
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger ready = new AtomicInteger();
        AtomicInteger closedUnderACall = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Thread owner = Thread.ofPlatform().unstarted(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                GuestContext context = contexts[i];
                ready.incrementAndGet();
                while (go.get() < i) {
                    Thread.onSpinWait();
                }
                while (context.begin()) {
                    calls.incrementAndGet();
                    if (context.isClosed()) {
                        closedUnderACall.incrementAndGet();
                    }
                    context.end();
                }
            }
        });
        for (int i = 0; i < ROUNDS; i++) {
            contexts[i] = new GuestContext(null, new Value[0]);
            contexts[i].owner = owner;
        }
        owner.start();
        for (int i = 0; i < ROUNDS; i++) {
            while (ready.get() <= i) {
                Thread.onSpinWait();
            }
            go.set(i);
            while (!contexts[i].closeIfIdle()) {
                Thread.onSpinWait();
            }
        }
        owner.join();
        assertEquals(0, closedUnderACall.get(), "expected no call to find its context closed, found some of "
                + calls.get() + " calls did");
    }
}
