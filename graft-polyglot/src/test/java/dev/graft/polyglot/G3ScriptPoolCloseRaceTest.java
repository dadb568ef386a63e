package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The pool's close racing a call giving its context back (ContextPool's class comment): the call
 * puts the context back and then reads {@code closed}, the closer writes {@code closed} and then
 * drains the slots, so one of the two always closes the context. Were the give-back a plain or
 * release store, both could miss each other (the store still in the caller's store buffer when
 * the closer looks) and the context would stay open with its version retired, a leak (G3). Two
 * threads released together, ten thousand times, each time on a fresh pool; every pool
 * must end with no open context. The contexts are stand-ins (no polyglot context behind them):
 * the race is the pool's alone.
 */
class G3ScriptPoolCloseRaceTest {

    private static final int ROUNDS = 10_000;

    @RepeatedTest(3)
    void aContextGivenBackWhileThePoolClosesIsClosedEitherWay() throws Exception {
        ContextPool[] pools = new ContextPool[ROUNDS];
        GuestContext[] held = new GuestContext[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            pools[i] = new ContextPool(null, 1);
            pools[i].first(new GuestContext(null, new Value[0]));
            held[i] = pools[i].acquire(null); // the idle context: the fast path needs no program
        }
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger ready = new AtomicInteger();
        Thread caller = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                ready.incrementAndGet();
                while (go.get() < i) {
                    Thread.onSpinWait();
                }
                pools[i].release(held[i]);
            }
        });
        for (int i = 0; i < ROUNDS; i++) {
            while (ready.get() <= i) {
                Thread.onSpinWait();
            }
            go.set(i);
            pools[i].close();
        }
        caller.join();
        int leaked = 0;
        for (ContextPool pool : pools) {
            leaked += pool.open.size();
        }
        assertEquals(0, leaked, "expected every context closed by the pool's close or by its give-back, found some left open");
    }
}
