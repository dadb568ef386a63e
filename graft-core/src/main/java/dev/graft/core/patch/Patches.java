package dev.graft.core.patch;

import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The patchable functions the host declared, by name, and the plugins' patches on them: a
 * published plugin version supplies its bodies ({@link #supply}), a withdrawn one takes them back
 * ({@link #withdraw}). Plugins may patch only functions declared before they are loaded.
 */
public final class Patches {

    private final Events events;
    private final Map<String, Patchable<?>> declared = new ConcurrentHashMap<>();

    public Patches(Events events) {
        this.events = events;
    }

    /**
     * Declares a patchable function.
     *
     * @throws PatchableException on a bad name or type, a missing or mistyped default body, or a name declared already
     */
    public synchronized <F> Patchable<F> declare(String name, Class<F> type, F defaultBody) {
        PatchableType declaration = PatchableType.of(name, type);
        Patchable<?> existing = declared.get(name);
        if (existing != null) {
            throw new PatchableException("expected a name not declared yet for a new patchable function, found '" + name
                    + "' declared already as " + existing.declaration());
        }
        if (defaultBody == null || !type.isInstance(defaultBody)) {
            throw new PatchableException("expected a default body for " + declaration + " implementing "
                    + declaration.signature() + ", found " + (defaultBody == null ? "null" : "a " + defaultBody.getClass().getName()));
        }
        Patchable<F> patchable = new Patchable<>(declaration, type, defaultBody, events);
        declared.put(name, patchable);
        return patchable;
    }

    public Optional<Patchable<?>> find(String name) {
        return Optional.ofNullable(declared.get(name));
    }

    /** The declaration of the function of this name, if the host declared one: what a loader links a patch against. */
    public Optional<PatchableType> declaration(String name) {
        return find(name).map(Patchable::declaration);
    }

    /** The names declared, sorted: what an unknown name in a manifest is told. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(declared).keySet());
    }

    /** Every current patch, by function name, each function's bottom to top. */
    public List<PatchInfo> list() {
        List<PatchInfo> out = new ArrayList<>();
        new TreeMap<>(declared).values().forEach(p -> out.addAll(p.patches()));
        return out;
    }

    /**
     * A plugin version was published: its bodies (by function name) become its patches, replacing
     * its previous version's in place; a function its previous version patched and this one does
     * not gets that patch withdrawn. Under the lifecycle lock; returns the events to deliver.
     */
    public List<GraftEvent> supply(String pluginId, String versionLabel, Map<String, Object> bodies) {
        List<GraftEvent> out = new ArrayList<>();
        for (Patchable<?> patchable : new TreeMap<>(declared).values()) {
            Object body = bodies.get(patchable.name());
            if (body != null) {
                out.add(patchable.supply(pluginId, versionLabel, body));
            } else {
                patchable.withdraw(pluginId).ifPresent(out::add);
            }
        }
        return out;
    }

    /** A plugin was withdrawn (unloaded): its patches go. Under the lifecycle lock; returns the events to deliver. */
    public List<GraftEvent> withdraw(String pluginId) {
        return supply(pluginId, null, Map.of());
    }
}
