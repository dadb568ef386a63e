package dev.graft.core.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.testing.Echo;
import dev.graft.core.testing.Mirror;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G1 at the slot group, in both of its ways to publish (SlotGroup): every slot bound to a
 * constant (publishes far apart: settling time 0), every slot reading the group's array
 * (publishes in quick succession: settling time an hour), and the two mixed (settling time 1 ms,
 * pauses of 0 to 2 ms: some publishes are quick, some not, and slots settle during the race).
 * Version k answers "k" through both of
 * the plugin's slots; callers read one slot, then the other, while versions 2, 3, ... are
 * published: the second read may never show an older version than the first (the plugin's slots
 * are published together), and a read after publish k returned shows k or later.
 */
class G1SlotGroupPublishTest {

    private static final int THREADS = 4;
    private static final int PUBLISHES = 2_000;

    @ParameterizedTest(name = "settling time {0} ms")
    @ValueSource(longs = {0, 1, 3_600_000})
    void bothSlotsOfAPluginShowOneVersion(long settleMillis) throws Exception {
        SlotGroup group = new SlotGroup("pair", Duration.ofMillis(settleMillis));
        Slot<Echo> echoSlot = group.slot(ContractType.of(Echo.class));
        Slot<Mirror> mirrorSlot = group.slot(ContractType.of(Mirror.class));
        group.publish(version(1, echoSlot, mirrorSlot), "unused");
        Echo echo = echoSlot.proxy();
        Mirror mirror = mirrorSlot.proxy();
        AtomicLong published = new AtomicLong(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            callers.add(Thread.ofPlatform().name("caller-" + t).start(() -> {
                for (long n = 0; !stop.get(); n++) {
                    boolean echoFirst = n % 2 == 0;
                    long atLeast = published.get();
                    int seen = Integer.parseInt(echoFirst ? echo.answer() : mirror.answer());
                    int then = Integer.parseInt(echoFirst ? mirror.answer() : echo.answer());
                    calls.incrementAndGet();
                    if (then < seen) {
                        violations.add((echoFirst ? "echo" : "mirror") + " answered " + seen + ", then the other slot the older " + then);
                    }
                    if (seen < atLeast) {
                        violations.add("after publish " + atLeast + " returned, a slot answered " + seen);
                    }
                }
            }));
        }
        try {
            for (int k = 2; k <= PUBLISHES; k++) {
                group.publish(version(k, echoSlot, mirrorSlot), "unused");
                published.set(k);
                // publishing takes microseconds: let the callers call in between; with a settling
                // time of 1 ms, pauses of 0 to 2 ms make some publishes quick and some not
                LockSupport.parkNanos(settleMillis == 1 ? ThreadLocalRandom.current().nextLong(2_000_000) : 20_000);
            }
        } finally {
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertEquals(List.of(), List.copyOf(violations).subList(0, Math.min(5, violations.size())),
                violations.size() + " of " + calls.get() + " calls broke G1; the first five");
        assertTrue(calls.get() > PUBLISHES, "callers made " + calls.get() + " calls during " + PUBLISHES + " publishes");
        assertEquals(Integer.toString(PUBLISHES), echo.answer());
        assertEquals(Integer.toString(PUBLISHES), mirror.answer());
    }

    private static Map<Slot<?>, Object> version(int k, Slot<Echo> echo, Slot<Mirror> mirror) {
        Answering answering = new Answering(Integer.toString(k));
        return Map.of(echo, answering, mirror, answering);
    }

    /** One version's implementation of both contracts. */
    private record Answering(String answer) implements Echo, Mirror {

        @Override
        public int next(int n) {
            return n;
        }
    }
}
