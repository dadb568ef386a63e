package dev.graft.core.slot;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import java.lang.invoke.VolatileCallSite;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The slots of one plugin, published together: one array holds what each slot points at, and
 * publishing a version is one volatile write of a new array. So a call that sees the new version
 * through one slot sees it through every other slot of the plugin too (DESIGN.md, reload step 4).
 *
 * <p>The proxies do not read the array on each call: each slot's proxy takes its receiver from
 * the slot's {@link VolatileCallSite}, whose target is a constant of what the array holds for the
 * slot, so the JIT inlines the implementation into the caller ({@link ProxyFactory}), and a new
 * target deoptimises the code that inlined the old one. Publishing moves the sites along with the
 * array, in three steps: (1) if the plugin has several slots, point every site at a read of the
 * array; (2) write the new array; (3) point every site at its new constant.
 *
 * <p>Reloads in quick succession: a publish less than {@link #SETTLE} after the previous one
 * leaves every site reading the array (step 1 for every plugin, no step 3), and a virtual thread
 * binds the constants once no publish came for {@link #SETTLE}. A reload a few milliseconds after
 * another (a build writing files, a demo) would otherwise deoptimise its callers each time, and
 * they would spend their time recompiling; reading the array costs them a few nanoseconds a call
 * instead, until the reloads stop.
 *
 * <p>Why this is sound: a {@code VolatileCallSite}'s target acts like a volatile variable (the
 * JDK's specification; the JIT folds it only with a dependency that {@code setTarget} breaks
 * before it returns), and the array is a volatile field; so every step is a volatile write, and
 * every call's receiver comes from a volatile read. An array is never written after it is
 * published, so a reader that gets it sees it complete. A call takes its receiver once, from its
 * site or from one read of the array, and calls it: a call runs entirely in one version (G1).
 * Whatever the preparing thread did before publishing (the version's start, a native init)
 * happens-before every call that reaches the version. A caller that got the new version through
 * slot A read A's step-3 write, so it has seen step 1 for every other slot B and, after it, step
 * 2: B's site gives it the new array's entry or B's new constant, never the old version. A caller
 * that got the new version from the array read the array after step 2, so after step 1 too: the
 * same holds. A plugin with one slot skips step 1 when its publishes are far apart: it has no
 * other slot to be out of step with. After step 3 (or, in quick succession, after step 2, every
 * site reading the array) every site gives the new version, so a call that starts after
 * {@link #publish} returned runs it (G1, "once reload returns"). Settling binds each site that
 * reads the array to the constant the current array holds for it, under this group's lock (so
 * after the publish that wrote that array): a caller that gets a settled constant gets what the
 * array holds, and the argument above applies to it as to step 3. Writers ({@link #slot},
 * {@link #publish}, the settling thread) hold this group's lock (publish and slot are also
 * serialised by the runtime's lifecycle lock); readers take no lock.
 *
 * <p>A patchable function's group ({@link #forPatchable}) has one slot, whose proxy reads through
 * the slot's own volatile field instead of the array (one load, as a call through an ordinary
 * field costs), and settles after {@link #PATCH_SETTLE}: a function patched every few hundred
 * milliseconds keeps reading the field instead of deoptimising its callers at every patch. The
 * field is written in step 2 with the array, so the argument above holds with it in the array's
 * place; a one-slot group has no other slot to be out of step with.
 */
public final class SlotGroup {

    /** Publishes closer together than this leave the proxies reading the array until this long after the last. */
    static final Duration SETTLE = Duration.ofMillis(50);
    /**
     * A patchable function's settling time: patches closer together than this leave its proxy
     * reading its slot's field, which costs a call what a call through a field costs; farther
     * apart, each patch binds a constant and deoptimises the callers that inlined the old body.
     */
    static final Duration PATCH_SETTLE = Duration.ofSeconds(1);

    private final String pluginId;
    private final String owner; // what proxies' toString says the slots belong to
    private final long settleNanos;
    private final boolean readsOwnSlot;
    private final List<Slot<?>> slots = new CopyOnWriteArrayList<>();
    private volatile Object[] targets = new Object[0];
    private long lastPublish; // guarded by this
    private boolean settling; // guarded by this: a settling thread runs

    public SlotGroup(String pluginId) {
        this(pluginId, SETTLE);
    }

    /** With another settling time than {@link #SETTLE}: for tests. */
    SlotGroup(String pluginId, Duration settle) {
        this(pluginId, "plugin '" + pluginId + "'", settle);
    }

    /**
     * The one-slot group of a patchable function: its slot points at the body that runs, and
     * patching publishes like a reload (the same soundness argument applies; see the class comment).
     */
    public static SlotGroup forPatchable(String name) {
        return new SlotGroup("patch-" + name, "patchable function '" + name + "'", PATCH_SETTLE, true);
    }

    private SlotGroup(String pluginId, String owner, Duration settle) {
        this(pluginId, owner, settle, false);
    }

    private SlotGroup(String pluginId, String owner, Duration settle, boolean readsOwnSlot) {
        this.pluginId = pluginId;
        this.owner = owner;
        this.readsOwnSlot = readsOwnSlot;
        this.settleNanos = settle.toNanos();
        this.lastPublish = System.nanoTime() - settleNanos;
    }

    /**
     * Whether a proxy reading through reads its own slot's field instead of the group's array: a
     * patchable function's one-slot group, which has no other slot to be out of step with.
     */
    boolean readsOwnSlot() {
        return readsOwnSlot;
    }

    /** The call path: what slot {@code index} points at now. Called by generated proxies. */
    public Object target(int index) {
        return targets[index];
    }

    /** For the proxies' {@code toString}. */
    public String describe(int index) {
        return "graft proxy of " + slots.get(index).contract() + " from " + owner;
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
    public synchronized <T> Slot<T> slot(ContractType<T> contract) {
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
    public synchronized void publish(Map<Slot<?>, Object> implementations, String reason) {
        Object[] next = new Object[slots.size()];
        for (Slot<?> slot : slots) {
            Object target = implementations.get(slot);
            next[slot.index()] = target != null ? target : UnavailableTarget.of(slot.contract(), reason);
        }
        long now = System.nanoTime();
        boolean quickSuccession = now - lastPublish < settleNanos;
        lastPublish = now;
        if (quickSuccession || slots.size() > 1) {
            slots.forEach(Slot::readThroughGroup);
        }
        targets = next;
        if (readsOwnSlot) {
            slots.forEach(slot -> slot.current(next[slot.index()])); // what its read-through reads
        }
        if (!quickSuccession) {
            bindAll(next);
        } else if (!settling) {
            settling = true;
            Thread.ofVirtual().name("graft-settle-" + pluginId).start(this::settle);
        }
    }

    private void bindAll(Object[] current) {
        for (Slot<?> slot : slots) {
            slot.bind(current[slot.index()]);
        }
    }

    /** The settling thread: once no publish came for {@link #SETTLE}, binds every site to its constant. */
    private void settle() {
        while (true) {
            long wait;
            synchronized (this) {
                wait = lastPublish + settleNanos - System.nanoTime();
                if (wait <= 0) {
                    Object[] current = targets;
                    for (Slot<?> slot : slots) {
                        slot.settle(current[slot.index()]); // a bound slot holds its entry already: not again
                    }
                    settling = false;
                    return;
                }
            }
            LockSupport.parkNanos(wait);
        }
    }
}
