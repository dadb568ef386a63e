package dev.graft.core.reload;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.NoProviderException;
import dev.graft.core.PluginManifest;
import dev.graft.core.Version;
import dev.graft.core.slot.Slot;
import dev.graft.core.slot.SlotGroup;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The published state: the live version of each plugin, and each plugin's slots. Slot groups
 * outlive unloads, so proxies held on an unloaded plugin work again when it is loaded again.
 *
 * <p>Mutated only under the lifecycle lock; {@link #current} and {@link #group} may be read
 * without it (concurrent maps), which the call path never does anyway.
 */
final class Registry {

    private final Map<String, PluginVersion> current = new ConcurrentHashMap<>();
    private final Map<String, SlotGroup> groups = new ConcurrentHashMap<>();
    final ContractCatalog catalog = new ContractCatalog();
    private volatile long generation; // written under the lifecycle lock only

    Optional<PluginVersion> current(String id) {
        return Optional.ofNullable(current.get(id));
    }

    Collection<PluginVersion> versions() {
        return List.copyOf(new TreeMap<>(current).values());
    }

    void put(PluginVersion version) {
        current.put(version.id(), version);
        generation++;
    }

    void remove(String id) {
        current.remove(id);
        generation++;
    }

    /**
     * How many times the set of live versions has changed (a load, a reload's publish, an unload):
     * one more for each {@link #put} or {@link #remove}. Written under the lifecycle lock only, so
     * the increment of this volatile has one writer at a time; read without the lock.
     */
    long generation() {
        return generation;
    }

    SlotGroup group(String pluginId) {
        return groups.computeIfAbsent(pluginId, SlotGroup::new);
    }

    /** The live manifests, keyed by id: the world a new version is linked against, before overlays. */
    Map<String, PluginManifest> manifests() {
        return current.values().stream().collect(Collectors.toMap(PluginVersion::id, PluginVersion::manifest));
    }

    /**
     * The provider of a contract for a request: among the manifests given, those providing the same
     * contract at a version satisfying {@code requested}; the highest version wins, then the lowest
     * id, so the choice is the same on every run.
     */
    static Optional<PluginManifest> bestProvider(Collection<PluginManifest> world, ContractRef requested, String excluding) {
        return world.stream()
                .filter(m -> !m.id().equals(excluding))
                .filter(m -> m.provided(requested).isPresent())
                .min(Comparator.comparing((PluginManifest m) -> m.provided(requested).orElseThrow().version(),
                        Comparator.reverseOrder()).thenComparing(PluginManifest::id));
    }

    /** The slot of the best live provider of a contract, recording the request on it. */
    <T> Slot<T> slotFor(ContractType<T> contract, Version requested, String excluding) {
        ContractRef ref = new ContractRef(contract.name(), requested);
        PluginManifest provider = bestProvider(manifests().values(), ref, excluding)
                .orElseThrow(() -> new NoProviderException(noProvider(ref, contract)));
        return slotOf(provider.id(), contract, requested);
    }

    /** The slot of a given plugin's provider of a contract, recording the request on it. */
    <T> Slot<T> slotOf(String pluginId, ContractType<T> contract, Version requested) {
        catalog.register(contract, pluginId);
        Slot<T> slot = group(pluginId).slot(contract);
        slot.requested(requested);
        return slot;
    }

    String noProvider(ContractRef requested, ContractType<?> contract) {
        String offered = current.values().stream()
                .flatMap(v -> v.manifest().provides().stream()
                        .filter(p -> p.name().equals(requested.name()))
                        .map(p -> p + " from plugin '" + v.id() + "'"))
                .sorted().collect(Collectors.joining(", "));
        return "expected a provider of contract " + requested.name() + "@" + requested.version().toShortString()
                + " (" + contract.type().getName() + "), found " + (offered.isEmpty() ? "none loaded" : offered);
    }
}
