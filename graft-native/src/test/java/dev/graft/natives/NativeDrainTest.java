package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library is unmapped only once no call runs in it: a call in flight in the old version during a
 * reload finishes in the old version, whose library stays mapped until it returns; new calls reach
 * the new version at once; the old one is unmapped after. Shutdown runs after the drain too.
 */
class NativeDrainTest {

    private static final int HOLD_MILLIS = 300;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void callInFlightKeepsItsLibraryMappedUntilItReturns() throws Exception {
        String tag = "drain-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        Path v2 = Fixtures.copy("slow_v2", dir, tag + "-v2.so");
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().contract(Slow.class).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
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
    void oldLibraryStaysMappedWhileACallRunsInIt() throws Exception {
        String tag = "held-" + System.nanoTime();
        Path v1 = Fixtures.copy("slow_v1", dir, tag + "-v1.so");
        Path v2 = Fixtures.copy("slow_v2", dir, tag + "-v2.so");
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().contract(Slow.class).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            graft.load(v1);
            Slow slow = graft.contract(Slow.class);
            CountDownLatch calling = new CountDownLatch(1);
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                calling.countDown();
                return slow.hold(1500);
            }, r -> Thread.ofPlatform().start(r));
            calling.await();
            Thread.sleep(200); // let the call get into the library; the assertions below do not depend on it
            graft.reload("slow", v2);
            if (!held.isDone()) {
                // the call is still running in v1: v1 must still be mapped, whatever the retire thread does
                assertEquals(1, copiesMapped(tag + "-v1.so").size(), "v1 stays mapped while a call runs in it");
            }
            int answer = held.get(30, TimeUnit.SECONDS);
            assertEquals(1000 + 1500, answer, "the call that started in v1 finished in v1");
            assertTrue(retired.await(30, TimeUnit.SECONDS));
            assertEquals(List.of(), copiesMapped(tag + "-v1.so"));
        }
    }

    @Test
    void shutdownRunsOnceAfterTheDrainAndInitBeforePublication() throws Exception {
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

    private static void awaitMapped(String name) throws InterruptedException {
        for (int i = 0; i < 3000 && copiesMapped(name).isEmpty(); i++) {
            Thread.sleep(10);
        }
    }

    private static List<String> copiesMapped(String name) {
        return Fixtures.mapped("-" + name).stream().filter(p -> p.contains("graft-artifacts-")).toList();
    }
}
