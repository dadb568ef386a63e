package dev.graft.core.slot;

import dev.graft.core.ContractType;
import dev.graft.core.Version;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VolatileCallSite;

/**
 * The runtime's place for one provider: one plugin's implementation of one contract (name and
 * major version). Every call through {@link #proxy()} goes through it. Reload replaces what the
 * slot points at; the slot and its proxy stay, for as long as the runtime lives.
 */
public final class Slot<T> {

    private static final MethodHandle GROUP_TARGET;
    private static final MethodHandle CURRENT;

    static {
        try {
            GROUP_TARGET = MethodHandles.lookup().findVirtual(SlotGroup.class, "target",
                    MethodType.methodType(Object.class, int.class));
            CURRENT = MethodHandles.lookup().findGetter(Slot.class, "current", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlotGroup group;
    private final ContractType<T> contract;
    private final int index;
    // the proxy's receiver: a constant of what the slot points at, or a read of the group's array
    // (while SlotGroup publishes several slots, and after publishes in quick succession until
    // they settle; SlotGroup says why); volatile, as SlotGroup needs
    private final VolatileCallSite site;
    private final MethodHandle readThroughGroup;
    // a one-slot group's read-through (a patchable function's): one volatile read of `current`, the
    // same cost as a call through an ordinary field, so frequent patches need not deoptimise callers
    private volatile Object current;
    private boolean readingThrough; // guarded by the group
    private final T proxy;
    // the highest version a host or plugin asked for through this slot; a reload may not go below it
    private volatile Version highestRequested;
    // whether a proxy on this slot was ever handed out: then a reload must keep providing it
    private volatile boolean handedOut;

    Slot(SlotGroup group, ContractType<T> contract, int index, Object target) {
        this.group = group;
        this.contract = contract;
        this.index = index;
        this.site = new VolatileCallSite(MethodHandles.constant(Object.class, target));
        this.current = target;
        this.readThroughGroup = group.readsOwnSlot() ? CURRENT.bindTo(this)
                : MethodHandles.insertArguments(GROUP_TARGET.bindTo(group), 0, index);
        this.proxy = ProxyFactory.proxy(contract.type(), group, index, site);
        this.highestRequested = new Version(contract.version().major(), 0, 0, null);
    }

    /** The contract this slot serves. */
    public ContractType<T> contract() {
        return contract;
    }

    /** The plugin whose provider this slot holds. */
    public String pluginId() {
        return group.pluginId();
    }

    /** The proxy hosts and plugins call; the same object across reloads. */
    public T proxy() {
        return proxy;
    }

    /** Records that a caller asked for at least {@code version} through this slot. */
    public void requested(Version version) {
        synchronized (this) {
            handedOut = true;
            if (version.compareTo(highestRequested) > 0) {
                highestRequested = version;
            }
        }
    }

    /** The highest version any caller asked for through this slot. */
    public Version highestRequested() {
        return highestRequested;
    }

    /**
     * Wraps a version's implementation of this slot's contract so that its calls are counted by
     * {@code tracker}; calls the tracker refuses go through this slot again.
     */
    public T counted(Object implementation, CallTracker tracker) {
        return ProxyFactory.counted(contract.type(), implementation, tracker, proxy);
    }

    /** Whether a host or plugin holds (or held) a proxy on this slot. */
    public boolean handedOut() {
        return handedOut;
    }

    int index() {
        return index;
    }

    /** What the slot points at from now on, for a one-slot group's read-through. Group's lock held, with the group's array. */
    void current(Object target) {
        current = target;
    }

    /** Makes the proxy's receiver {@code target} itself, a constant the JIT inlines through. Group's lock held. */
    void bind(Object target) {
        site.setTarget(MethodHandles.constant(Object.class, target));
        readingThrough = false;
    }

    /** Binds the proxy to {@code target} if it reads the group's array; a bound one already holds it. Group's lock held. */
    void settle(Object target) {
        if (readingThrough) {
            bind(target);
        }
    }

    /**
     * Makes the proxy read its receiver from the group's array on every call, if it does not yet
     * (each new target deoptimises the code that inlined the old one: not again for nothing).
     * Group's lock held.
     */
    void readThroughGroup() {
        if (!readingThrough) {
            site.setTarget(readThroughGroup);
            readingThrough = true;
        }
    }

    /** Whether the proxy reads the group's array on each call, rather than a constant: for tests. */
    boolean readsThroughGroup() {
        synchronized (group) {
            return readingThrough;
        }
    }

    /** What the slot points at now: the published version's implementation, or an unavailable target. */
    public Object target() {
        return group.target(index);
    }

    @Override
    public String toString() {
        return group.describe(index);
    }
}
