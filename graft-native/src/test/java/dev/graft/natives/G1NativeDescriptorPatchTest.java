package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.patch.Patchable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 for a patch from a native plugin's descriptor: four threads call the patched function while
 * another reloads the plugin 200 times, between two builds whose patches answer differently. Every
 * answer is one version's (never the default's, never an error: the plugin's patch is on top the
 * whole time), and the reloading thread's own call right after each reload returned is the new
 * version's.
 */
class G1NativeDescriptorPatchTest {

    private static final int CALLERS = 4;
    private static final int RELOADS = 200;

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void callersSeeOneVersionsAnswerWhileThePluginReloads() throws Exception {
        Path v1 = PatchFixtures.discount(dir, "v1", "pricing", "1.0.0", "price * 0.8");
        Path v2 = PatchFixtures.discount(dir, "v2", "pricing", "2.0.0", "price * 0.5");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> rule = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            DoubleUnaryOperator discount = rule.function();
            graft.load(v1);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                callers.add(Thread.ofPlatform().name("patch-caller-" + t).start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        double price = 1000.25 + (i & 1023);
                        try {
                            double answer = discount.applyAsDouble(price);
                            if (answer != price * 0.8 && answer != price * 0.5) {
                                wrong.add(price + " -> " + answer);
                            }
                        } catch (RuntimeException e) {
                            wrong.add(price + " -> " + e);
                        }
                        calls.incrementAndGet();
                    }
                }));
            }
            try {
                for (int i = 1; i <= RELOADS; i++) {
                    boolean second = i % 2 == 1;
                    graft.reload("pricing", second ? v2 : v1);
                    assertEquals(second ? 50.0 : 80.0, discount.applyAsDouble(100), "the call after reload " + i + " returned");
                }
            } finally {
                stop.set(true);
                for (Thread t : callers) {
                    t.join();
                }
            }
            assertEquals(List.of(), List.copyOf(wrong).subList(0, Math.min(10, wrong.size())), "answers of no version");
            assertTrue(calls.get() > RELOADS, "the callers ran during the reloads: " + calls.get() + " calls");
        }
    }
}
