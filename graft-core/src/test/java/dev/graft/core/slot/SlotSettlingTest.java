package dev.graft.core.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.testing.Mirror;
import dev.graft.core.testing.Threads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Publishes in quick succession leave a slot's proxy reading the group's array (so its callers
 * are not deoptimised again and again), answering the latest version all along, until the slot
 * settles back to a constant once the publishes stop (SlotGroup).
 */
class SlotSettlingTest {

    private static Mirror answering(String answer) {
        return new Mirror() {
            @Override
            public String answer() {
                return answer;
            }

            @Override
            public int next(int n) {
                return n + 1;
            }
        };
    }

    @Test
    void aPublishLongAfterTheLastBindsTheSlotToAConstant() {
        SlotGroup group = new SlotGroup("p", Duration.ZERO); // no publish is ever soon after another
        Slot<Mirror> slot = group.slot(ContractType.of(Mirror.class));

        group.publish(Map.of(slot, answering("v1")), "unused");
        group.publish(Map.of(slot, answering("v2")), "unused");

        assertFalse(slot.readsThroughGroup());
        assertEquals("v2", slot.proxy().answer());
    }

    @Test
    void publishesInQuickSuccessionReadTheArrayAndAnswerTheLatest() {
        SlotGroup group = new SlotGroup("p", Duration.ofHours(1)); // every publish is soon after the one before
        Slot<Mirror> slot = group.slot(ContractType.of(Mirror.class));

        group.publish(Map.of(slot, answering("v1")), "unused"); // the first publish binds: none came before
        assertFalse(slot.readsThroughGroup());
        for (int v = 2; v <= 5; v++) {
            group.publish(Map.of(slot, answering("v" + v)), "unused");
            assertTrue(slot.readsThroughGroup(), "publish " + v);
            assertEquals("v" + v, slot.proxy().answer(), "a call after publish returned answers the new version");
        }
    }

    @Test
    void aSlotSettlesToAConstantOnceThePublishesStop() throws InterruptedException {
        SlotGroup group = new SlotGroup("p", Duration.ofSeconds(1));
        Slot<Mirror> slot = group.slot(ContractType.of(Mirror.class));
        group.publish(Map.of(slot, answering("v1")), "unused");
        group.publish(Map.of(slot, answering("v2")), "unused"); // soon after: reads the array, a settling thread waits
        assertTrue(slot.readsThroughGroup(), "the second publish came within the settling time of the first");

        long deadline = System.nanoTime() + Threads.TIMEOUT.toNanos();
        while (slot.readsThroughGroup()) {
            assertTrue(System.nanoTime() < deadline, "expected the slot to settle within " + Threads.TIMEOUT.toSeconds() + " s");
            Thread.sleep(5);
        }
        assertEquals("v2", slot.proxy().answer());
    }

    @Test
    void aPatchableFunctionPatchedEveryFewHundredMillisecondsKeepsReadingItsSlotAndAnswersTheLatest() throws InterruptedException {
        SlotGroup group = SlotGroup.forPatchable("f");
        assertTrue(group.readsOwnSlot());
        Slot<Mirror> slot = group.slot(ContractType.of(Mirror.class));
        group.publish(Map.of(slot, answering("v1")), "unused");
        for (int v = 2; v <= 4; v++) {
            Thread.sleep(SlotGroup.SETTLE.toMillis() * 2); // far apart for a plugin's group, close for a patchable function's
            group.publish(Map.of(slot, answering("v" + v)), "unused");
            assertTrue(slot.readsThroughGroup(), "patch " + v + " came within " + SlotGroup.PATCH_SETTLE + " of the one before");
            assertEquals("v" + v, slot.proxy().answer(), "a call after the patch returned answers the new body");
        }
    }
}
