package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.patch.Patchable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 (and G1) for a patch from a native plugin's descriptor, as for its contract calls
 * ({@link G3NativeRetiredWhenUnreachableTest}): a patch call in flight in the old version during a
 * reload finishes there, and the old library stays mapped through collections until it returned;
 * new calls run the new version's patch at once; the old version is retired and unmapped after.
 */
class G3NativePatchInFlightTest {

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void aPatchCallInFlightKeepsItsLibraryMappedUntilItReturns() throws Exception {
        String tag = "patch-held-" + System.nanoTime();
        Path v1 = Files.move(PatchFixtures.hold(dir, "hold-v1", 1), dir.resolve(tag + "-v1.so"));
        Path v2 = Files.move(PatchFixtures.hold(dir, "hold-v2", 2), dir.resolve(tag + "-v2.so"));
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            Patchable<IntUnaryOperator> rule = graft.patchable("hold", IntUnaryOperator.class, millis -> -1);
            IntUnaryOperator hold = rule.function();
            graft.load(v1);
            CountDownLatch calling = new CountDownLatch(1);
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                calling.countDown();
                return hold.applyAsInt(1500);
            }, r -> Thread.ofPlatform().start(r));
            calling.await();
            Thread.sleep(200); // let the call get into the library; the assertions below do not depend on it
            graft.reload("hold", v2);
            assertEquals(2000, hold.applyAsInt(0), "a call that starts after reload returned runs v2's patch");
            int collections = G3NativeRetiredWhenUnreachableTest.collectWhileRunning(held, tag + "-v1.so", retired);
            assertEquals(1000 + 1500, held.get(30, TimeUnit.SECONDS), "the call that started in v1 finished in v1");
            assertTrue(collections >= 1, "a collection ran, and was checked, while the call was in flight: " + collections);
            assertTrue(retired.await(30, TimeUnit.SECONDS), "v1 is retired once its patch call returned");
            assertEquals(List.of(), G3NativeRetiredWhenUnreachableTest.copiesMapped(tag + "-v1.so"), "and unmapped");
            assertEquals(1, G3NativeRetiredWhenUnreachableTest.copiesMapped(tag + "-v2.so").size());
        }
    }
}
