package dev.graft.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G1's race, for any plugin kind: threads call through a proxy without pause while this thread
 * reloads the plugin again and again, alternating two builds (reload 1 goes to the second build,
 * reload 2 back to the first, and so on). It checks that every call is answered by one of the two
 * builds, and that a call that started after reload {@code k} returned, with no later reload begun
 * by the time it ended, was answered by reload {@code k}'s build.
 *
 * <pre>{@code
 * ReloadRace.run(8, 200,
 *         (thread, n) -> ReloadRace.Seen.of(answer, "v1 " + n, "v2 " + n),
 *         toSecond -> graft.reload("greeting", toSecond ? v2 : v1))
 *     .assertHeld();
 * }</pre>
 *
 * <p>Why the check is sound: the reloading thread writes {@code started = k} before reload
 * {@code k} and {@code completed = k} after it returns. A caller reads {@code completed} before
 * its call and {@code started} after it; if both are {@code k}, reload {@code k} had returned
 * before the call began and reload {@code k + 1} had not begun when it ended, so G1 allows only
 * reload {@code k}'s build.
 */
public final class ReloadRace {

    /**
     * Which build answered a call; for several calls in a row, {@code MIXED} if both builds
     * answered (which only a reload racing them allows); {@code NEITHER} if any answer was neither
     * build's.
     */
    public enum Build {
        FIRST, SECOND, MIXED, NEITHER
    }

    /** What one caller's call saw: the build that answered, and the answers, for the report. */
    public record Seen(Build build, String answers) {

        /** One answer, compared with what each build answers. */
        public static Seen of(Object answer, Object first, Object second) {
            return new Seen(answer.equals(first) ? Build.FIRST : answer.equals(second) ? Build.SECOND : Build.NEITHER,
                    String.valueOf(answer));
        }

        /** Two calls in a row: both must come from a build; from the same one unless a reload raced them. */
        public Seen and(Seen next) {
            Build both = build == Build.NEITHER || next.build == Build.NEITHER ? Build.NEITHER
                    : build == next.build ? build : Build.MIXED;
            return new Seen(both, answers + ", " + next.answers);
        }
    }

    /** One call through the proxy: caller thread {@code thread}'s {@code n}th. */
    @FunctionalInterface
    public interface Caller {
        Seen call(int thread, int n);
    }

    /** One reload: to the second build if {@code toSecond}, else to the first. */
    @FunctionalInterface
    public interface Reloader {
        void reload(boolean toSecond) throws Exception;
    }

    /** What a race found. */
    public record Result(int reloads, long calls, List<String> problems) {

        /** Asserts G1 held, and that the callers did race the reloads. */
        public void assertHeld() {
            assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())),
                    problems.size() + " of " + calls + " calls broke G1; the first five");
            assertTrue(calls > reloads, "callers made " + calls + " calls during " + reloads + " reloads");
        }
    }

    private ReloadRace() {
    }

    /** Races {@code threads} callers against {@code reloads} reloads; the plugin starts on the first build. */
    public static Result run(int threads, int reloads, Caller caller, Reloader reloader) throws Exception {
        AtomicLong started = new AtomicLong();   // reloads begun
        AtomicLong completed = new AtomicLong(); // reloads returned
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch calling = new CountDownLatch(threads); // so that every reload races calls

        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            callers.add(Thread.ofPlatform().name("race-caller-" + t).start(() -> {
                for (int n = 0; !stop.get(); n++) {
                    if (n == 1) {
                        calling.countDown(); // its first call is done, answered or not
                    }
                    long before = completed.get();
                    Seen seen;
                    try {
                        seen = caller.call(thread, n);
                    } catch (RuntimeException | Error e) {
                        problems.add("call " + n + " threw " + e);
                        continue;
                    }
                    long begunAfter = started.get();
                    calls.incrementAndGet();
                    if (seen.build() == Build.NEITHER) {
                        problems.add("call " + n + ": answers of neither build: " + seen.answers());
                    } else if (begunAfter == before) {
                        Build expected = before % 2 == 0 ? Build.FIRST : Build.SECOND;
                        if (seen.build() != expected) {
                            problems.add("call " + n + " after reload " + before + " returned: expected the "
                                    + expected.name().toLowerCase() + " build's answers, found " + seen.answers());
                        }
                    }
                }
            }));
        }
        try {
            if (!calling.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("expected every caller to have called within " + Threads.TIMEOUT.toSeconds() + " s");
            }
            for (int i = 1; i <= reloads; i++) {
                started.set(i);
                reloader.reload(i % 2 == 1);
                completed.set(i);
            }
        } finally {
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
        }
        return new Result(reloads, calls.get(), List.copyOf(problems));
    }
}
