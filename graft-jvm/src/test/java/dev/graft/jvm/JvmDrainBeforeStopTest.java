package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV2;
import dev.graft.jvm.fixture.SlowGreeting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose main class has a stop hook is stopped only once no call is in flight in it, even
 * when calls are running in it at the moment its successor is published (the retire step's drain).
 */
class JvmDrainBeforeStopTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void stopRunsOnlyAfterInFlightCallsReturned() throws Exception {
        Path slow = TestJar.plugin("greeting", "1.0.0").provides("test.greeting@1.2", SlowGreeting.class)
                .main(SlowGreeting.class).classes(dev.graft.jvm.fixture.GreetingV1.class).write(dir, "slow.jar");
        Path v2 = TestJar.plugin("greeting", "2.0.0").provides("test.greeting@1.2", GreetingV2.class).write(dir, "v2.jar");
        SlowGreeting.Probe.IN_FLIGHT_AT_STOP.clear();
        CountDownLatch retired = new CountDownLatch(1);
        try (Graft graft = Graft.builder().subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            graft.load(slow);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        answers.add(greeting.greet("x"));
                    }
                }));
            }
            while (SlowGreeting.Probe.IN_FLIGHT.get() < 3) {
                Thread.onSpinWait(); // calls are inside the old version
            }
            graft.reload("greeting", v2);
            assertTrue(retired.await(10, TimeUnit.SECONDS), "old version retired");
            stop.set(true);
            for (Thread c : callers) {
                c.join();
            }
            assertEquals(List.of(0), SlowGreeting.Probe.IN_FLIGHT_AT_STOP, "no call was in flight when stop ran");
            assertTrue(answers.stream().allMatch(a -> a.equals("slow x") || a.equals("v2 hi x")), answers.toString());
            assertEquals("v2 hi x", greeting.greet("x"));
        }
    }
}
