package dev.graft.core.reload;

import dev.graft.core.ContractRef;
import dev.graft.core.DependencyCycleException;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who depends on whom, from manifests alone: plugin D depends on plugin P when D's manifest
 * {@code depends} on P's id, or {@code requires} a contract whose best provider (the one a lookup
 * binds to: highest version, then lowest id) is P.
 *
 * <p>Orders are topological, providers first; ties break by id, so the order is the same on every
 * run. A cycle is a {@link DependencyCycleException} naming the plugins in it.
 */
final class DependencyGraph {

    private final Map<String, PluginManifest> manifests;

    DependencyGraph(Collection<PluginManifest> manifests) {
        this.manifests = new TreeMap<>();
        manifests.forEach(m -> this.manifests.put(m.id(), m));
    }

    /** The plugins {@code dependent} depends on, among those in the graph. */
    Set<String> dependencies(PluginManifest dependent) {
        Set<String> out = new TreeSet<>();
        for (PluginRef ref : dependent.depends()) {
            if (manifests.containsKey(ref.id())) {
                out.add(ref.id());
            }
        }
        for (ContractRef required : dependent.requires()) {
            Registry.bestProvider(manifests.values(), required, dependent.id()).ifPresent(p -> out.add(p.id()));
        }
        return out;
    }

    /** Every plugin that depends on {@code id}, directly or through others, in topological order. */
    List<String> dependentsOf(String id) {
        Set<String> found = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String provider = todo.pop();
            for (PluginManifest m : manifests.values()) {
                if (!m.id().equals(id) && dependencies(m).contains(provider) && found.add(m.id())) {
                    todo.push(m.id());
                }
            }
        }
        Set<String> withSelf = new LinkedHashSet<>(found);
        withSelf.add(id);
        List<String> order = order(withSelf);
        order.remove(id);
        return order;
    }

    /** {@code ids} in topological order (dependencies first), considering edges among them only. */
    List<String> order(Set<String> ids) {
        Map<String, Set<String>> pending = new TreeMap<>();
        for (String id : ids) {
            Set<String> deps = new HashSet<>(dependencies(manifests.get(id)));
            deps.retainAll(ids);
            pending.put(id, deps);
        }
        List<String> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            String ready = pending.entrySet().stream()
                    .filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).findFirst().orElse(null);
            if (ready == null) {
                throw new DependencyCycleException(cycle(pending));
            }
            pending.remove(ready);
            pending.values().forEach(deps -> deps.remove(ready));
            order.add(ready);
        }
        return order;
    }

    /**
     * Like {@link #order}, but a cycle does not stop the rest: its plugins are reported and left
     * out, and every plugin that depends on them is still ordered (it will fail to link on its own).
     */
    List<String> orderSkippingCycles(Set<String> ids, java.util.function.Consumer<DependencyCycleException> onCycle) {
        Set<String> remaining = new TreeSet<>(ids);
        while (true) {
            try {
                return order(remaining);
            } catch (DependencyCycleException e) {
                onCycle.accept(e);
                e.cycle().forEach(remaining::remove);
            }
        }
    }

    /** One cycle among plugins none of which could be ordered: follow dependencies until one repeats. */
    private static List<String> cycle(Map<String, Set<String>> blocked) {
        Map<String, Integer> seenAt = new HashMap<>();
        List<String> path = new ArrayList<>();
        String at = blocked.keySet().iterator().next();
        while (!seenAt.containsKey(at)) {
            seenAt.put(at, path.size());
            path.add(at);
            at = new TreeSet<>(blocked.get(at)).first();
        }
        return List.copyOf(path.subList(seenAt.get(at), path.size()));
    }
}
