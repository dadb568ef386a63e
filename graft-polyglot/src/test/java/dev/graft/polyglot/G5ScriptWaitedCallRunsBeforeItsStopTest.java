package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * G5, the watchdog's side of a call that waited for its context: such a call is timed from the
 * start of its wait, but is never stopped at the first look that sees it, nor before it has had
 * {@link GuestContext#MIN_RUN_NANOS} (or the whole deadline, if shorter): an interrupt reaches a
 * call only inside the guest, and one sent between the call's start and its entry into the guest
 * would be lost, leaving the call unstopped. Driven by hand: a call is begun in a context of its
 * own (no watchdog watches it), marked as having waited ten seconds, and the watchdog's check is run
 * on it at chosen times.
 */
class G5ScriptWaitedCallRunsBeforeItsStopTest {

    private static final long DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void aCallThatWaitedPastItsDeadlineIsStoppedOnlyAfterItsLeastRun() {
        // a context of its own, on an engine of its own, which no watchdog but this test's looks at
        try (Context polyglot = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            GuestContext context = new GuestContext(polyglot, new Value[0]);
            context.begin(); // a call begun, not yet in the guest
            long now = System.nanoTime();
            context.waited(TimeUnit.SECONDS.toNanos(10)); // long past its deadline
            context.interruptIfOverdue(now, DEADLINE_NANOS);
            context.interruptIfOverdue(now + DEADLINE_NANOS - 1, DEADLINE_NANOS);
            assertFalse(context.stoppedByDeadline(), "not stopped before it had its least run (here the 50 ms deadline)");
            context.interruptIfOverdue(now + DEADLINE_NANOS, DEADLINE_NANOS);
            assertTrue(context.stoppedByDeadline(), "stopped once it had it");
            context.end();
        }
    }
}
