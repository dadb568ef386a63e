package dev.graft.core.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The call tracker on its own: the count of calls in flight in one version, on which draining
 * before stop and the quiesce point rest.
 */
class CallTrackerTest {

    private final CallTracker tracker = new CallTracker();

    @RepeatedTest(20)
    void drainNeverReturnsWhileACallIsInside() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean drained = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch entered = new CountDownLatch(4);
        List<Threads.Running<String>> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Threads.start("caller-" + i, () -> {
                boolean counted = false;
                while (!stop.get()) {
                    if (tracker.enter()) {
                        inside.incrementAndGet();
                        if (!counted) {
                            entered.countDown();
                            counted = true;
                        }
                        Thread.onSpinWait();
                        boolean drainedMeanwhile = drained.get();
                        inside.decrementAndGet();
                        tracker.exit();
                        if (drainedMeanwhile) {
                            return "awaitDrained returned while this call was inside";
                        }
                    }
                }
                return "";
            }));
        }
        assertTrue(entered.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "every caller entered once");

        tracker.close();
        assertTrue(tracker.awaitDrained(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        drained.set(true);
        assertEquals(0, inside.get());
        assertFalse(tracker.enter(), "no call enters once closed");

        stop.set(true);
        for (Threads.Running<String> caller : callers) {
            assertEquals("", caller.result());
        }
        assertEquals(0, tracker.inFlight(), "refused entries leave no count behind");
    }

    @Test
    void entriesAreCountedUntilTheyExit() {
        assertTrue(tracker.enter());
        assertTrue(tracker.enter());
        assertEquals(2, tracker.inFlight());
        tracker.exit();
        assertEquals(1, tracker.inFlight());
        tracker.exit();
        assertEquals(0, tracker.inFlight());
        assertFalse(tracker.isClosed());
    }

    @Test
    void closeRefusesNewEntriesAndLetsCallsInFlightGoOn() throws InterruptedException {
        assertTrue(tracker.enter());
        tracker.close();
        assertTrue(tracker.isClosed());
        assertFalse(tracker.enter(), "refused: the caller goes through the slot again");
        assertEquals(1, tracker.inFlight(), "the refused entry is not counted");
        assertFalse(tracker.awaitDrained(1, TimeUnit.MILLISECONDS), "a call is still in flight");

        tracker.exit();
        assertTrue(tracker.awaitDrained(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void drainWaiterWakesWhenTheLastCallExits() throws Exception {
        assertTrue(tracker.enter());
        tracker.close();
        Threads.Running<Boolean> drain = Threads.start("drain", () -> tracker.awaitDrained(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        Threads.awaitInside(drain.thread(), CallTracker.class, "awaitDrained");

        tracker.exit();
        assertTrue(drain.result());
    }

    @Test
    void heldTrackerMakesRefusedCallersWaitForRelease() throws Exception {
        tracker.hold();
        Threads.Running<Boolean> caller = Threads.start("caller", tracker::enter);
        Threads.awaitInside(caller.thread(), CallTracker.class, "awaitRelease");
        assertTrue(tracker.isClosed());
        assertEquals(0, tracker.inFlight(), "a waiting caller is not in flight, so the drain does not wait for it");

        tracker.release();
        assertFalse(caller.result(), "released callers go through the slot again, to the successor");
        assertFalse(tracker.enter(), "still closed after release: the old version takes no new calls");
    }

    @Test
    void reopenAfterHoldLetsCallersEnterAgain() throws Exception {
        tracker.hold();
        Threads.Running<Boolean> caller = Threads.start("caller", tracker::enter);
        Threads.awaitInside(caller.thread(), CallTracker.class, "awaitRelease");

        tracker.reopen(); // the reload rolled back
        assertFalse(caller.result(), "the waiting caller goes through the slot again ...");
        assertTrue(tracker.enter(), "... where this version, open again, takes it");
        assertFalse(tracker.isClosed());
        tracker.exit();
    }

    @Test
    void reopenAfterCloseLetsCallersEnterAgain() {
        tracker.close();
        assertFalse(tracker.enter());
        tracker.reopen();
        assertTrue(tracker.enter());
        tracker.exit();
        assertEquals(0, tracker.inFlight());
    }

    @Test
    void interruptedDrainThrows() {
        assertTrue(tracker.enter());
        tracker.close();
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> tracker.awaitDrained(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            Thread.interrupted();
            tracker.exit();
        }
    }
}
