package dev.graft.core.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractType;
import dev.graft.core.testing.Collected;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * G3 for the call path's generated classes: each slot's proxy is a hidden class of its own (its
 * call site is the class's constant), and it goes with its slot. A host that makes and closes
 * runtimes over and over, as tests do, must not pile up proxy classes in the per-contract loader.
 */
class G3SlotProxyClassesTest {

    @Test
    void eachSlotHasAHiddenProxyClassOfItsOwn() {
        Slot<Kinds> first = new SlotGroup("a").slot(ContractType.of(Kinds.class));
        Slot<Kinds> second = new SlotGroup("b").slot(ContractType.of(Kinds.class));

        assertNotSame(first.proxy().getClass(), second.proxy().getClass());
        assertTrue(first.proxy().getClass().isHidden(), first.proxy().getClass().getName());
    }

    @Test
    void proxyClassesOfSlotsNoLongerReachableAreUnloaded() throws InterruptedException {
        List<WeakReference<Class<?>>> classes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            SlotGroup group = new SlotGroup("p" + i);
            Slot<Kinds> slot = group.slot(ContractType.of(Kinds.class));
            assertTrue(slot.proxy().toString().contains("plugin 'p" + i + "'"), slot.proxy().toString());
            classes.add(new WeakReference<>(slot.proxy().getClass()));
        }

        assertEquals(0, Collected.awaitAll(classes), "proxy classes still loaded, of 100");
    }
}
