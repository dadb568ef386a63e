package dev.graft.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.RepeatedTest;

/**
 * G1 for patchable functions: while one thread patches and restores a function 10,000 times and 8
 * threads call it, every answer is one body's, and once {@code patch} (or {@code restore}) has
 * returned no call that starts afterwards gets an older body's answer.
 */
class G1PatchAtomicityTest {

    private static final int CALLERS = 8;
    private static final int PATCHES = 10_000;

    private static Graft graft() {
        return Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
    }

    /**
     * Change {@code s} (1, 2, 3, ...) is patch {@code (s + 1) / 2} when odd, its restore when even.
     * Patch {@code k} installs a body answering {@code 2k - 1} (the change that installed it), the
     * default answers 0. A caller reads the last change completed before it calls ({@code before})
     * and the last change started once it returned ({@code after}): a patch's answer must come from
     * a change no older than {@code before} and no newer than {@code after}; the default's answer
     * is right only if change {@code before} was a restore, or a later change had started.
     */
    @RepeatedTest(2)
    void everyCallRunsOneBodyAndNewCallsRunTheLatest() throws Exception {
        try (Graft graft = graft()) {
            Patchable<IntUnaryOperator> p = graft.patchable("g1", IntUnaryOperator.class, x -> 0);
            IntUnaryOperator f = p.function();
            AtomicLong completed = new AtomicLong();
            AtomicLong started = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            List<Threads.Running<Long>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                callers.add(Threads.start("caller-" + c, () -> {
                    long calls = 0;
                    while (!done.get()) {
                        long before = completed.get();
                        int answer = f.applyAsInt(7);
                        long after = started.get();
                        calls++;
                        if (answer != 0) {
                            assertTrue(answer % 2 == 1 && answer <= 2 * PATCHES - 1,
                                    "expected an answer of one body (0 or an odd number up to " + (2 * PATCHES - 1) + "), found " + answer);
                            assertTrue(answer >= before, "expected no body older than change " + before
                                    + " after it returned, found the body of change " + answer);
                            assertTrue(answer <= after, "expected no body of a change not yet made, found the body of change "
                                    + answer + " when " + after + " changes had started");
                        } else {
                            assertTrue(before % 2 == 0 || after > before, "expected the body of patch " + (before + 1) / 2
                                    + " (installed by change " + before + ", which returned before the call), found the default's answer");
                        }
                    }
                    return calls;
                }));
            }
            for (int k = 1; k <= PATCHES; k++) {
                int change = 2 * k - 1;
                started.set(change);
                p.patch(x -> change);
                completed.set(change);
                started.set(change + 1);
                p.restore();
                completed.set(change + 1);
            }
            done.set(true);
            long calls = 0;
            for (Threads.Running<Long> caller : callers) {
                calls += caller.result();
            }
            assertTrue(calls > 0, "expected the callers to have called, found no calls");
            assertEquals(0, f.applyAsInt(7), "expected the default after the last restore");
            assertEquals(List.of(), p.patches());
        }
    }
}
