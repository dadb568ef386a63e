package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 (and G1) with uncounted native calls: a retired version's library is unmapped only once the
 * garbage collector finds that no call can run in it (CallGuard). A call in flight in the old
 * version during a reload finishes in the old version, whose library stays mapped through any
 * number of collections until the call returns, compiled or not; new calls reach the new version at
 * once; the old one is shut down and unmapped after, without the host asking for a collection.
 * Closing the runtime waits for a call in flight too.
 */
class G3NativeRetiredWhenUnreachableTest {

    private static final int HOLD_MILLIS = 300;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void callInFlightKeepsItsLibraryMappedUntilItReturns() throws Exception {
        String tag = "drain-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        Path v2 = Fixtures.copy("slow_v2", dir, tag + "-v2.so");
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = slowHost(retired, Duration.ZERO)) {
            graft.load(v1);
            Slow slow = graft.contract(Slow.class);
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> slow.hold(HOLD_MILLIS), r -> Thread.ofPlatform().start(r)));
            }
            awaitMapped(tag + "-v1.so"); // mapped from the load; the calls are on their way in

            graft.reload("slow", v2);
            assertEquals(2, slow.version(), "a call that starts after reload returned runs v2");
            for (CompletableFuture<Integer> call : inFlight) {
                int answer = call.get(30, TimeUnit.SECONDS);
                assertTrue(answer == 1000 + HOLD_MILLIS || answer == 2000 + HOLD_MILLIS, "answered by one version: " + answer);
            }
            assertTrue(retired.await(30, TimeUnit.SECONDS), "v1 is retired once its calls returned");
            assertEquals(List.of(), copiesMapped(tag + "-v1.so"), "v1 is unmapped after the drain");
            assertEquals(1, copiesMapped(tag + "-v2.so").size());
        }
    }

    @Test
    void oldLibraryStaysMappedThroughCollectionsWhileACallRunsInIt() throws Exception {
        heldCallKeepsItsLibraryMapped("held", 0);
    }

    @Test
    void aCompiledCallerKeepsTheLibraryMappedUntilItsCallReturns() throws Exception {
        // enough calls for the JIT to compile call() with the proxy, the implementation and the downcall inlined
        heldCallKeepsItsLibraryMapped("compiled", 30_000);
    }

    /**
     * A call of 1.5 s in v1 (after {@code warmUp} short calls from the same thread), a reload to
     * v2 while it runs, and collections every 20 ms: v1 stays mapped and not retired until the
     * call returned its v1 answer, then goes.
     */
    private void heldCallKeepsItsLibraryMapped(String name, int warmUp) throws Exception {
        String tag = name + "-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        Path v2 = Fixtures.copy("slow_v2", dir, tag + "-v2.so");
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = slowHost(retired, Duration.ZERO)) {
            graft.load(v1);
            Slow slow = graft.contract(Slow.class);
            CountDownLatch calling = new CountDownLatch(1);
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                for (int i = 0; i < warmUp; i++) {
                    call(slow, 0);
                }
                calling.countDown();
                return call(slow, 1500);
            }, r -> Thread.ofPlatform().start(r));
            calling.await();
            Thread.sleep(200); // let the call get into the library; the assertions below do not depend on it
            graft.reload("slow", v2);
            int collections = collectWhileRunning(held, tag + "-v1.so", retired);
            assertEquals(1000 + 1500, held.get(30, TimeUnit.SECONDS), "the call that started in v1 finished in v1");
            assertTrue(collections >= 1, "a collection ran, and was checked, while the call was in flight: " + collections);
            assertEquals(2, slow.version());
            assertTrue(retired.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(), copiesMapped(tag + "-v1.so"));
        }
    }

    private static int call(Slow slow, int millis) {
        return slow.hold(millis);
    }

    @Test
    void aRetiredVersionGoesWithoutTheHostAskingForACollection() throws Exception {
        String tag = "unasked-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        Path v2 = Fixtures.copy("slow_v2", dir, tag + "-v2.so");
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = slowHost(retired, Duration.ofMillis(100))) {
            graft.load(v1);
            assertEquals(1, graft.contract(Slow.class).version());
            graft.reload("slow", v2);
            assertTrue(retired.await(30, TimeUnit.SECONDS), "Graft asked for the collection that proves v1 unused");
            assertEquals(List.of(), copiesMapped(tag + "-v1.so"));
        }
    }

    @Test
    void closingWaitsForACallInFlightBeforeUnmapping() throws Exception {
        String tag = "closing-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        CompletableFuture<Integer> held;
        try (Graft graft = Graft.builder().contract(Slow.class).build()) {
            graft.load(v1);
            Slow slow = graft.contract(Slow.class);
            CountDownLatch calling = new CountDownLatch(1);
            held = CompletableFuture.supplyAsync(() -> {
                calling.countDown();
                return slow.hold(800);
            }, r -> Thread.ofPlatform().start(r));
            calling.await();
            Thread.sleep(100);
        }
        assertEquals(1000 + 800, held.get(30, TimeUnit.SECONDS), "the call in flight finished in its version");
        assertEquals(List.of(), copiesMapped(tag + "-v1.so"), "then it unmapped the library");
    }

    @Test
    void shutdownRunsOnceAfterTheLastCallAndInitBeforePublication() throws Exception {
        Path marks = Path.of(System.getenv("GRAFT_TEST_MARKS"));
        Files.deleteIfExists(marks);
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Fixtures.greeterHost().subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            graft.load(Fixtures.copy("lifecycle", dir, "lifecycle.so"));
            assertEquals(List.of("init"), Files.readAllLines(marks));
            graft.reload("greeter", Fixtures.copy("greeter_v1", dir, "v1.so"));
            assertTrue(retired.await(30, TimeUnit.SECONDS));
            assertEquals(List.of("init", "shutdown"), Files.readAllLines(marks));
        }
    }

    /** A host of the slow contract whose Retired events count down {@code retired}. */
    private static Graft slowHost(CountDownLatch retired, Duration collectAfter) {
        return Graft.builder().collectRetiredAfter(collectAfter).contract(Slow.class).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build();
    }

    /**
     * Runs collections until {@code call} is done, checking after each that the retired version
     * {@code name} is still mapped and not retired while the call may still run in it.
     *
     * @return the number of collections after which the call was still running, and so checked (how
     *     many fit in the call depends on the machine's load: a busy one fits fewer)
     */
    static int collectWhileRunning(CompletableFuture<?> call, String name, CountDownLatch retired) throws InterruptedException {
        int collections = 0;
        while (!call.isDone()) {
            System.gc();
            if (!call.isDone()) {
                collections++;
                assertEquals(1, copiesMapped(name).size(), name + " stays mapped while a call runs in it");
                assertEquals(1, retired.getCount(), name + " is not retired while a call runs in it");
            }
            Thread.sleep(20);
        }
        return collections;
    }

    private static void awaitMapped(String name) throws InterruptedException {
        for (int i = 0; i < 3000 && copiesMapped(name).isEmpty(); i++) {
            Thread.sleep(10);
        }
    }

    static List<String> copiesMapped(String name) {
        return Fixtures.mapped("-" + name).stream().filter(p -> p.contains("graft-artifacts-")).toList();
    }
}
