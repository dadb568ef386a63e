package dev.graft.core.slot;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
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
 * <p>Why this is sound: an array is never written after it is published, so a reader that gets it
 * from the volatile field sees it complete (happens-before through the volatile write and read).
 * Each call reads the field once and calls what it found, so a call runs entirely in one version
 * (G1); a call that starts after {@link #publish} returned reads the new array (G1, "once reload
 * returns"). Writers ({@link #slot}, {@link #publish}) are serialised by the runtime's lifecycle
 * lock; readers take no lock.
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
        Slot<T> slot = new Slot<>(this, contract, slots.size());
        Object[] grown = Arrays.copyOf(targets, slot.index() + 1);
        grown[slot.index()] = UnavailableTarget.of(contract, "plugin '" + pluginId + "' has not published it yet");
        targets = grown; // before the slot is visible, so its proxy never indexes past the array
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
        targets = next;
    }
}
