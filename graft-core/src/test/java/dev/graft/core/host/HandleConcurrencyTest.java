package dev.graft.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.host.HandleException.Reason;
import dev.graft.core.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Handles under real threads racing: owned handles made, resolved and released from many threads
 * at once always resolve to their own object or are refused, never another one; a release raced
 * by many threads has one winner; each thread's scopes are its own; retiring a version while
 * threads make handles for it leaves none live. No timing: threads meet at barriers and every
 * wait is bounded.
 */
class HandleConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 20_000;

    private final HandleTable table = new HandleTable();

    @RepeatedTest(5)
    void ownedHandlesSharedBetweenThreadsResolveToTheirOwnObjectOrAreRefused() throws Exception {
        VersionHandles[] versions = {table.open("a@1.0.0#1"), table.open("b@1.0.0#2")};
        Map<Long, Object> targets = new ConcurrentHashMap<>(); // every handle issued, and its object
        Map<Long, AtomicInteger> releases = new ConcurrentHashMap<>();
        AtomicLongArray shared = new AtomicLongArray(64); // handles passed between threads
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Threads.Running<Integer>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            running.add(Threads.start("owned-" + t, () -> {
                SplittableRandom random = new SplittableRandom(id);
                VersionHandles mine = versions[id % 2];
                start.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                int resolvedElsewhere = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    Object target = new Object();
                    long h = mine.owned(target);
                    if (targets.putIfAbsent(h, target) != null) {
                        throw new AssertionError("issued twice: " + Handle.describe(h));
                    }
                    assertSame(target, mine.resolve(h, Object.class));
                    long other = shared.getAndSet(random.nextInt(shared.length()), h); // hand mine over, take another's
                    if (other != 0) {
                        VersionHandles asker = versions[random.nextInt(2)];
                        try {
                            Object found = asker.resolve(other, Object.class);
                            assertSame(targets.get(other), found, "another object behind " + Handle.describe(other));
                            resolvedElsewhere++;
                        } catch (HandleException e) {
                            assertTrue(e.reason() == Reason.RELEASED || e.reason() == Reason.FOREIGN, e::getMessage);
                        }
                        try {
                            asker.release(other);
                            releases.computeIfAbsent(other, k -> new AtomicInteger()).incrementAndGet();
                        } catch (HandleException e) {
                            assertTrue(e.reason() == Reason.RELEASED || e.reason() == Reason.FOREIGN, e::getMessage);
                        }
                    }
                }
                return resolvedElsewhere;
            }));
        }
        int resolvedElsewhere = 0;
        for (Threads.Running<Integer> r : running) {
            resolvedElsewhere += r.result();
        }

        releases.forEach((h, count) -> assertEquals(1, count.get(), () -> Handle.describe(h) + " released more than once"));
        assertTrue(resolvedElsewhere > 0, "handles did cross threads");
        for (VersionHandles v : versions) {
            v.retire();
            assertEquals(0, v.live());
        }
        assertEquals(0, table.live(), "every handle released");
    }

    @RepeatedTest(5)
    void aReleaseRacedByManyThreadsHasOneWinner() throws Exception {
        VersionHandles v = table.open("a@1.0.0#1");
        for (int round = 0; round < 200; round++) {
            long h = v.owned("contested " + round);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Threads.Running<Boolean>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                running.add(Threads.start("release-" + t, () -> {
                    start.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    try {
                        v.release(h);
                        return true;
                    } catch (HandleException e) {
                        assertEquals(Reason.RELEASED, e.reason(), e::getMessage);
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Threads.Running<Boolean> r : running) {
                winners += r.result() ? 1 : 0;
            }
            assertEquals(1, winners, "round " + round);
            assertEquals(0, v.live());
        }
    }

    @RepeatedTest(5)
    void eachThreadsScopesAreItsOwn() throws Exception {
        VersionHandles v = table.open("a@1.0.0#1");
        AtomicLongArray published = new AtomicLongArray(THREADS); // each thread's latest scoped handle
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Threads.Running<Integer>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            running.add(Threads.start("scopes-" + t, () -> {
                SplittableRandom random = new SplittableRandom(100 + id);
                start.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                int foreignRefused = 0;
                for (int round = 0; round < ROUNDS / 4; round++) {
                    try (HandleScope outer = v.scope()) {
                        Object first = "outer " + id + "/" + round;
                        long a = outer.handle(first);
                        published.set(id, a);
                        try (HandleScope inner = v.scope()) {
                            Object second = "inner " + id + "/" + round;
                            long b = inner.handle(second);
                            assertSame(first, v.resolve(a, Object.class));
                            assertSame(second, v.resolve(b, Object.class));
                            long theirs = published.get(random.nextInt(THREADS));
                            if (theirs != 0 && theirs != a) {
                                HandleException e = org.junit.jupiter.api.Assertions.assertThrows(HandleException.class,
                                        () -> v.resolve(theirs, Object.class), "another thread's scoped handle");
                                assertTrue(e.reason() == Reason.FOREIGN || e.reason() == Reason.RELEASED, e::getMessage);
                                foreignRefused++;
                            }
                        }
                        assertSame(first, v.resolve(a, Object.class), "the inner scope took only its own");
                    }
                    assertEquals(0, table.scopedOnThisThread());
                }
                return foreignRefused;
            }));
        }
        int foreignRefused = 0;
        for (Threads.Running<Integer> r : running) {
            foreignRefused += r.result();
        }
        assertTrue(foreignRefused > 0, "threads did try each other's handles");
    }

    @RepeatedTest(5)
    void retiringAVersionWhileThreadsMakeHandlesForItLeavesNoneLive() throws Exception {
        VersionHandles v = table.open("a@1.0.0#1");
        VersionHandles bystander = table.open("b@1.0.0#2");
        long kept = bystander.owned("kept");
        Map<Long, Object> made = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        List<Threads.Running<Integer>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            running.add(Threads.start("maker-" + t, () -> {
                start.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                int n = 0;
                while (true) {
                    Object target = new Object();
                    long h;
                    try {
                        h = v.owned(target);
                    } catch (IllegalStateException retired) {
                        return n;
                    }
                    made.put(h, target);
                    n++;
                    try {
                        assertSame(target, v.resolve(h, Object.class));
                    } catch (HandleException e) {
                        assertEquals(Reason.RELEASED, e.reason(), e::getMessage); // retired in between
                    }
                }
            }));
        }
        start.await(Threads.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Threads.TIMEOUT.toNanos();
        while (made.size() < 1000) { // let the makers get going: retiring must race them
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected the makers to make 1000 handles, found " + made.size());
            }
            Thread.onSpinWait();
        }
        v.retire();
        for (Threads.Running<Integer> r : running) {
            r.result();
        }

        assertEquals(0, v.live());
        assertEquals(1, table.live(), "only the bystander's handle is left");
        assertEquals("kept", bystander.resolve(kept, String.class));
        for (long h : made.keySet()) {
            HandleException e = org.junit.jupiter.api.Assertions.assertThrows(HandleException.class, () -> bystander.resolve(h, Object.class));
            assertEquals(Reason.RELEASED, e.reason(), e::getMessage);
        }
    }
}
