package dev.graft.jvm;

import dev.graft.jvm.fixture.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Platform threads that call {@link Counter#increment} without pause until stopped, counting the
 * calls that returned and keeping what went wrong: an exception, or (if a tag is expected) an
 * answer from another version.
 */
final class Incrementers {

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final LongAdder returned = new LongAdder();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final CountDownLatch calling;

    private Incrementers(int count) {
        calling = new CountDownLatch(count);
    }

    /** Starts {@code count} threads; {@code expectedTag} null accepts any version's answer. Returns once each has called. */
    static Incrementers start(Counter counter, int count, String expectedTag) throws InterruptedException {
        Incrementers all = new Incrementers(count);
        for (int t = 0; t < count; t++) {
            all.threads.add(Thread.ofPlatform().name("incrementer-" + t).start(() -> all.run(counter, expectedTag)));
        }
        if (!all.calling.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("expected every incrementer to have called within 30 s");
        }
        return all;
    }

    private void run(Counter counter, String expectedTag) {
        for (boolean first = true; !stopping.get(); first = false) {
            try {
                String tag = counter.increment();
                returned.increment();
                if (expectedTag != null && !tag.equals(expectedTag)) {
                    problems.add("answered by " + tag + ", expected " + expectedTag);
                }
            } catch (RuntimeException | Error e) {
                problems.add("threw " + e);
            }
            if (first) {
                calling.countDown();
            }
        }
    }

    /** Stops the threads and waits for them. */
    Incrementers stop() throws InterruptedException {
        stopping.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return this;
    }

    /** Calls that returned. */
    long returned() {
        return returned.sum();
    }

    /** The first five problems. */
    List<String> problems() {
        return problems.stream().limit(5).toList();
    }
}
