package dev.graft.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.core.Graft;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * G1 for a function patched from inside itself: the call that patches finishes in its own body,
 * the next call (even one it makes itself) runs the new body, and nothing waits for anything:
 * hotpatch's read lock deadlocked exactly here.
 */
class G1PatchFromInsideTest {

    private static Graft graft() {
        return Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
    }

    @Test
    void aBodyPatchesItsOwnFunctionAndTheNextCallRunsTheNewBody() throws Exception {
        try (Graft graft = graft()) {
            AtomicReference<Patchable<IntUnaryOperator>> self = new AtomicReference<>();
            Patchable<IntUnaryOperator> p = graft.patchable("inside", IntUnaryOperator.class, x -> {
                IntUnaryOperator doubled = y -> 2 * y;
                self.get().patch(doubled);
                // after patch returned, a call from inside the old body runs the new one
                return 1000 + self.get().function().applyAsInt(x);
            });
            self.set(p);
            assertEquals(1014, Threads.start("caller", () -> p.function().applyAsInt(7)).result());
            assertEquals(14, p.function().applyAsInt(7));
        }
    }

    @Test
    void aPatchRestoresItselfFromInside() throws Exception {
        try (Graft graft = graft()) {
            Patchable<IntUnaryOperator> p = graft.patchable("once", IntUnaryOperator.class, x -> x);
            AtomicReference<Patchable<IntUnaryOperator>> self = new AtomicReference<>(p);
            p.patch(x -> {
                self.get().restore();
                return -x;
            });
            assertEquals(-3, Threads.start("caller", () -> p.function().applyAsInt(3)).result());
            assertEquals(3, p.function().applyAsInt(3));
        }
    }

    /** Several threads, each inside the function, patch it at once: every one finishes. */
    @RepeatedTest(3)
    void threadsPatchingFromInsideAtOnceAllFinish() throws Exception {
        try (Graft graft = graft()) {
            AtomicReference<Patchable<IntUnaryOperator>> self = new AtomicReference<>();
            IntUnaryOperator[] body = new IntUnaryOperator[1];
            body[0] = x -> {
                if (x > 0) {
                    IntUnaryOperator again = body[0];
                    self.get().patch(y -> again.applyAsInt(y)); // a new body, from inside
                    return self.get().function().applyAsInt(x - 1) + 1;
                }
                return 0;
            };
            self.set(graft.patchable("nested", IntUnaryOperator.class, body[0]));
            List<Threads.Running<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Threads.start("patcher-" + t, () -> {
                    int sum = 0;
                    for (int i = 0; i < 200; i++) {
                        sum += self.get().function().applyAsInt(5);
                    }
                    return sum;
                }));
            }
            for (Threads.Running<Integer> t : threads) {
                assertEquals(1000, t.result()); // Threads.result fails (with the stack) if it never finishes
            }
        }
    }
}
