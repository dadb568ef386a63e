package dev.graft.core.slot;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import java.lang.invoke.MutableCallSite;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The slots of one plugin, published together: one array holds what each slot points at, and
 * publishing a version is one volatile write of a new array. So a call that sees the new version
 * through one slot sees it through every other slot of the plugin too (DESIGN.md, reload step 4).
 *
 * <p>The proxies do not read the array on each call: each slot's proxy takes its receiver from
 * the slot's {@link MutableCallSite}, whose target is a constant of what the array holds for the
 * slot, so the JIT inlines the implementation into the caller ({@link ProxyFactory}). Publishing
 * moves the sites along with the array, in three steps: (1) if the plugin has several slots, point
 * every site at a read of the array, and {@link MutableCallSite#syncAll}; (2) write the new array;
 * (3) point every site at its new constant, and {@code syncAll}.
 *
 * <p>Why this is sound: an array is never written after it is published, so a reader that gets it
 * from the volatile field sees it complete (happens-before through the volatile write and read).
 * A call takes its receiver once (from a site's constant or from one read of the array) and calls
 * it, so a call runs entirely in one version (G1). Setting a site's target and {@code syncAll}
 * make every thread's next call use the new target (the JVM deoptimises code that inlined the old
 * one before {@code setTarget} returns); so after step 3 every call gets the new version (G1,
 * "once reload returns"), and at every moment a site's constant is either what the current array
 * holds or (between step 2 and its step 3) what the previous array held while no other site of
 * the plugin could give the new version yet, for step 1 moved them all to the array before it
 * changed. A plugin with one slot skips step 1: it has no other slot to be out of step with.
 * Writers ({@link #slot}, {@link #publish}) are serialised by the runtime's lifecycle lock;
 * readers take no lock.
 */
public final class SlotGroup {

    private final String pluginId;
    private final List<Slot<?>> slots = new CopyOnWriteArrayList<>();
    private volatile Object[] targets = new Object[0];

    public SlotGroup(String pluginId) {
        this.pluginId = pluginId;
    }

    /** The call path: what slot {@code index} points at now. Called by generated proxies. */
    public Object target(int index) {
        return targets[index];
    }

    /** For the proxies' {@code toString}. */
    public String describe(int index) {
        return "graft proxy of " + slots.get(index).contract() + " from plugin '" + pluginId + "'";
    }

    public String pluginId() {
        return pluginId;
    }

    /** The slot for a contract (same name and major), if this plugin ever provided it. */
    public Optional<Slot<?>> find(ContractRef ref) {
        return slots.stream().filter(s -> s.contract().ref().sameContract(ref)).findFirst();
    }

    /** All slots, in creation order. */
    public List<Slot<?>> slots() {
        return List.copyOf(slots);
    }

    /**
     * The slot for a contract, made if new. A new slot points at an unavailable target until a
     * version providing it is published. Caller holds the lifecycle lock.
     */
    @SuppressWarnings("unchecked")
    public <T> Slot<T> slot(ContractType<T> contract) {
        Optional<Slot<?>> existing = find(contract.ref());
        if (existing.isPresent()) {
            return (Slot<T>) existing.get();
        }
        Object unavailable = UnavailableTarget.of(contract, "plugin '" + pluginId + "' has not published it yet");
        Slot<T> slot = new Slot<>(this, contract, slots.size(), unavailable);
        Object[] grown = Arrays.copyOf(targets, slot.index() + 1);
        grown[slot.index()] = unavailable;
        targets = grown; // before the slot is visible, so a read of the array never indexes past it
        slots.add(slot);
        return slot;
    }

    /**
     * Points every slot at once at a new version: {@code implementations} gives the target of each
     * slot the version provides (keyed by slot); the others become unavailable for {@code reason}.
     * Caller holds the lifecycle lock.
     */
    public void publish(Map<Slot<?>, Object> implementations, String reason) {
        Object[] next = new Object[slots.size()];
        for (Slot<?> slot : slots) {
            Object target = implementations.get(slot);
            next[slot.index()] = target != null ? target : UnavailableTarget.of(slot.contract(), reason);
        }
        MutableCallSite[] sites = slots.stream().map(Slot::site).toArray(MutableCallSite[]::new);
        if (slots.size() > 1) {
            slots.forEach(Slot::readThroughGroup);
            MutableCallSite.syncAll(sites);
        }
        targets = next;
        for (Slot<?> slot : slots) {
            slot.bind(next[slot.index()]);
        }
        MutableCallSite.syncAll(sites);
    }
}
