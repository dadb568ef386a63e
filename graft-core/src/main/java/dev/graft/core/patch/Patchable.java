package dev.graft.core.patch;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.Version;
import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.slot.Slot;
import dev.graft.core.slot.SlotGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A patchable function: one function, not a whole plugin, whose body can be replaced while it runs.
 * The host declares it ({@code Graft.patchable}) with a name, a functional interface and a default
 * body, keeps this object, and calls {@link #function()}; {@link #patch} and {@link #restore}
 * replace the body, and plugins that declare {@code patches = NAME} supply bodies of their own.
 *
 * <p>Patches stack: the default at the bottom, the host's patch above it, then one patch per
 * plugin that supplies one, in the order they first did; the top one runs. A plugin's reload
 * replaces its patch where it stands; its unload withdraws it, and what was below runs again.
 *
 * <p>Why this is sound: the function is the proxy of a one-slot {@link SlotGroup}, and every change
 * of the top body is a {@link SlotGroup#publish} of it, so the argument of SlotGroup holds as for a
 * reload: a call takes its body once, from a volatile read, and runs entirely in it (G1); once
 * {@code publish} returns, every new call reads the new body. Callers take no lock. Writers (the
 * host's {@code patch}/{@code restore} on any thread, the runtime's publish of a plugin version)
 * take this object's lock only for as long as it takes to change the stack and publish its top,
 * never while a body runs, so a body may patch its own function (the lock is free, or held by a
 * writer that does not wait for any call), and no writer waits for a caller. A writer holding the
 * runtime's lifecycle lock takes this one after it; {@code patch} never takes the lifecycle lock, so
 * the two are always taken in that order. Events are delivered after this lock is released.
 */
public final class Patchable<F> {

    private final PatchableType declaration;
    private final Class<F> type;
    private final F defaultBody;
    private final Slot<F> slot;
    private final SlotGroup group;
    private final Events events;
    private Object hostBody; // guarded by this: null while the host has no patch
    private final List<Layer> plugins = new ArrayList<>(); // guarded by this: bottom to top

    /** A plugin's patch: its body (counted when its version's calls are), and which version supplied it. */
    private record Layer(PatchInfo info, Object body) {
    }

    Patchable(PatchableType declaration, Class<F> type, F defaultBody, Events events) {
        this.declaration = declaration;
        this.type = type;
        this.defaultBody = defaultBody;
        this.events = events;
        this.group = SlotGroup.forPatchable(declaration.name());
        // one slot; a contract of the function's name (version 1.0: slots need one, nothing reads it)
        this.slot = group.slot(new ContractType<>(type, new ContractRef(declaration.name(), new Version(1, 0, 0, null))));
        group.publish(Map.of(slot, defaultBody), "");
    }

    /** The function to call: always runs the top body. Keep it; do not look it up per call. */
    public F function() {
        return slot.proxy();
    }

    public String name() {
        return declaration.name();
    }

    public Class<F> type() {
        return type;
    }

    /** The declaration: name, interface, its method. */
    public PatchableType declaration() {
        return declaration;
    }

    /**
     * Makes {@code body} the host's patch (replacing the host's previous one): from the moment this
     * returns, every new call runs it, unless a plugin's patch sits above it. Any thread may call
     * this, also a body of this very function while it runs.
     *
     * @throws PatchableException if {@code body} is null, not of the function's type, or the function itself
     */
    public void patch(F body) {
        checkBody(body, "a body for");
        GraftEvent event;
        synchronized (this) {
            hostBody = body;
            publishTop();
            event = new GraftEvent.Patched(new PatchInfo(name(), null, null), liveSupplier());
        }
        events.publish(List.of(event));
    }

    /**
     * Withdraws the host's patch: the default body runs again once this returns, unless a plugin's
     * patch sits above it. Does nothing when the host has no patch.
     */
    public void restore() {
        GraftEvent event;
        synchronized (this) {
            if (hostBody == null) {
                return;
            }
            hostBody = null;
            publishTop();
            event = new GraftEvent.Restored(new PatchInfo(name(), null, null), liveSupplier());
        }
        events.publish(List.of(event));
    }

    /** The current patches, bottom to top (the last one runs); empty when the default runs. */
    public synchronized List<PatchInfo> patches() {
        List<PatchInfo> out = new ArrayList<>();
        if (hostBody != null) {
            out.add(new PatchInfo(name(), null, null));
        }
        plugins.forEach(layer -> out.add(layer.info()));
        return List.copyOf(out);
    }

    /** Who supplied the body that runs now: {@code the default}, {@code the host}, or a plugin. */
    public synchronized String liveSupplier() {
        return !plugins.isEmpty() ? plugins.getLast().info().supplier() : hostBody != null ? "the host" : "the default";
    }

    /**
     * A plugin version's body, wrapped so that its calls are counted by {@code tracker} (calls it
     * refuses go through this function again, where the body that replaced it answers).
     */
    public Object counted(Object body, CallTracker tracker) {
        return slot.counted(body, tracker);
    }

    /** Makes {@code body} the patch of plugin {@code pluginId}: in its place if it has one, else on top. */
    synchronized GraftEvent supply(String pluginId, String versionLabel, Object body) {
        Layer layer = new Layer(new PatchInfo(name(), pluginId, versionLabel), body);
        int at = indexOf(pluginId);
        if (at >= 0) {
            plugins.set(at, layer);
        } else {
            plugins.add(layer);
        }
        publishTop();
        return new GraftEvent.Patched(layer.info(), liveSupplier());
    }

    /** Withdraws the patch of plugin {@code pluginId}, if it has one: what was below it runs again. */
    synchronized Optional<GraftEvent> withdraw(String pluginId) {
        int at = indexOf(pluginId);
        if (at < 0) {
            return Optional.empty();
        }
        Layer gone = plugins.remove(at);
        publishTop();
        return Optional.of(new GraftEvent.Restored(gone.info(), liveSupplier()));
    }

    /** Checks a body the host gives. */
    void checkBody(Object body, String what) {
        if (body == null || !type.isInstance(body)) {
            throw new PatchableException("expected " + what + " " + declaration + " implementing " + declaration.signature()
                    + ", found " + (body == null ? "null" : "a " + body.getClass().getName()));
        }
        if (body == slot.proxy()) {
            throw new PatchableException("expected " + what + " " + declaration + " other than its own function (a call "
                    + "would call itself for ever), found the function itself");
        }
    }

    private int indexOf(String pluginId) {
        for (int i = 0; i < plugins.size(); i++) {
            if (plugins.get(i).info().pluginId().equals(pluginId)) {
                return i;
            }
        }
        return -1;
    }

    /** Points the slot at the top body. Lock held. */
    private void publishTop() {
        Object top = !plugins.isEmpty() ? plugins.getLast().body() : hostBody != null ? hostBody : defaultBody;
        group.publish(Map.of(slot, top), "");
    }

    @Override
    public String toString() {
        return declaration.toString();
    }
}
