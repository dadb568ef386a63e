package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.RepeatedTest;

/**
 * G5: an interrupt sent while a call was between its start and its entry into the guest (its
 * thread descheduled there for a whole deadline, or stopped by a long pause) reaches nothing, since
 * GraalVM interrupts only threads inside the guest; the watchdog sends it again a deadline later,
 * so a runaway call is still stopped rather than running forever. Driven by hand: a call begins in
 * a context of its own (no other watchdog watches it), the watchdog's check interrupts it before it
 * enters the guest, then it enters an endless loop, and the check runs every 10 ms until the call
 * ends or 10 s pass.
 */
class G5ScriptLostInterruptIsSentAgainTest {

    private static final long DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @RepeatedTest(2)
    void aCallWhoseInterruptWasLostIsInterruptedAgain() throws Exception {
        try (Context polyglot = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            Value spin = polyglot.eval("js", "(function spin() { while (true) { } })");
            GuestContext context = new GuestContext(polyglot, new Value[] {spin});
            CountDownLatch begun = new CountDownLatch(1);
            CountDownLatch enter = new CountDownLatch(1);
            AtomicReference<String> outcome = new AtomicReference<>("still running");
            Thread caller = Thread.ofPlatform().start(() -> {
                context.begin();
                begun.countDown();
                try {
                    enter.await(); // held between begin and the guest while the first interrupt goes by
                    context.execute(0, new Object[0]);
                    outcome.set("returned");
                } catch (PolyglotException e) {
                    outcome.set(e.isInterrupted() && context.stoppedByDeadline() ? "stopped" : "failed " + e);
                } catch (InterruptedException e) {
                    outcome.set("interrupted while held");
                } finally {
                    context.end();
                }
            });
            begun.await();
            long start = System.nanoTime();
            context.interruptIfOverdue(start, DEADLINE_NANOS); // first look
            context.interruptIfOverdue(start + DEADLINE_NANOS, DEADLINE_NANOS); // overdue: interrupted, outside the guest
            enter.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (caller.isAlive() && System.nanoTime() < until) {
                context.interruptIfOverdue(System.nanoTime(), DEADLINE_NANOS);
                Thread.sleep(10);
            }
            String got = outcome.get();
            if (caller.isAlive()) {
                polyglot.close(true); // let the test end either way
            }
            caller.join();
            assertTrue(got.equals("stopped"), "expected the call stopped by a second interrupt, found it " + got);
        }
    }
}
