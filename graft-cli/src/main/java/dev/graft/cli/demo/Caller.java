package dev.graft.cli.demo;

import dev.graft.examples.greeter.Greeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * One demo thread's work: call {@code greet} and {@code next} through the proxy until told to stop,
 * and check each answer. An answer passes when it is exactly what one of the two builds answers for
 * that input; a call that throws, or returns anything else (a null, a mix), fails.
 *
 * <p>The counters are plain fields: only this caller's thread writes them, and the demo reads them
 * after joining that thread.
 */
final class Caller implements Runnable {

    private static final int FAILURES_KEPT = 5;

    private final int number;
    private final Greeter greeter;
    private final Answers first;
    private final Answers second;
    private final BooleanSupplier stop;
    private final CountDownLatch firstCallDone;

    private long calls;
    private long failed;
    private long firstAnswered;
    private long secondAnswered;
    private long greetReturned;
    private final List<String> failures = new ArrayList<>();

    Caller(int number, Greeter greeter, Answers first, Answers second, BooleanSupplier stop, CountDownLatch firstCallDone) {
        this.number = number;
        this.greeter = greeter;
        this.first = first;
        this.second = second;
        this.stop = stop;
        this.firstCallDone = firstCallDone;
    }

    @Override
    public void run() {
        int i = 0;
        try {
            do {
                i++;
                checkGreet("caller" + number + "-" + (i & 1023));
                checkNext(i);
                if (i == 1) {
                    firstCallDone.countDown();
                }
            } while (!stop.getAsBoolean());
        } finally {
            firstCallDone.countDown(); // the demo waits for it; never leave it waiting
        }
    }

    private void checkGreet(String name) {
        calls++;
        try {
            String answer = greeter.greet(name);
            greetReturned++;
            tally(answer, first.greet().apply(name), second.greet().apply(name), "greet(\"" + name + "\")");
        } catch (RuntimeException | LinkageError e) {
            fail("greet(\"" + name + "\") threw " + e);
        }
    }

    private void checkNext(int n) {
        calls++;
        try {
            int answer = greeter.next(n);
            tally(answer, first.next().applyAsInt(n), second.next().applyAsInt(n), "next(" + n + ")");
        } catch (RuntimeException | LinkageError e) {
            fail("next(" + n + ") threw " + e);
        }
    }

    private void tally(Object answer, Object fromFirst, Object fromSecond, String call) {
        if (fromFirst.equals(answer)) {
            firstAnswered++;
        } else if (fromSecond.equals(answer)) {
            secondAnswered++;
        } else {
            fail(call + " returned " + answer + ", expected " + fromFirst + " (" + first.version() + ") or "
                    + fromSecond + " (" + second.version() + ")");
        }
    }

    private void fail(String what) {
        failed++;
        if (failures.size() < FAILURES_KEPT) {
            failures.add(what);
        }
    }

    long calls() {
        return calls;
    }

    long failed() {
        return failed;
    }

    long firstAnswered() {
        return firstAnswered;
    }

    long secondAnswered() {
        return secondAnswered;
    }

    /** greet calls that returned, right or wrong: each was counted once in the host's counter. */
    long greetReturned() {
        return greetReturned;
    }

    List<String> failures() {
        return failures;
    }
}
