package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The pool's close racing a call giving its context back (ContextPool's class comment): the call
 * puts the context back with a release store and then reads {@code closed}, the closer writes
 * {@code closed} and then drains the slots; the two may miss each other (no fence between the
 * call's store and read, which would cost every call), and then the watchdog's next look, which
 * drains every closed pool, closes the context. Two threads released together, ten thousand
 * times, each time on a fresh pool; after one look of the watchdog every pool must end with no
 * open context, and each context closed once. The contexts are stand-ins (no polyglot context
 * behind them): the race is the pool's alone.
 */
class G3ScriptPoolCloseRaceTest {

    private static final int ROUNDS = 10_000;

    @RepeatedTest(3)
    void aContextGivenBackWhileThePoolClosesIsClosedEitherWay() throws Exception {
        ContextPool[] pools = new ContextPool[ROUNDS];
        GuestContext[] held = new GuestContext[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            pools[i] = new ContextPool(null, 1, false);
            pools[i].first(new GuestContext(null, new Value[0]));
            held[i] = pools[i].acquire(pools[i].homes(), 0); // the idle context: the fast path needs no program
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
        for (ContextPool pool : pools) {
            pool.drain(); // the watchdog's look at a closed pool
        }
        int leaked = 0;
        for (ContextPool pool : pools) {
            leaked += pool.open.size();
        }
        assertEquals(0, leaked, "expected every context closed by the pool's close, its give-back or the watchdog's look, "
                + "found some left open");
    }
}
