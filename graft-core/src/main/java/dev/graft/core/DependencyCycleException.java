package dev.graft.core;

import java.util.List;

/** Plugins depend on each other in a cycle; the message names every plugin in it. */
public class DependencyCycleException extends PluginException {

    private final List<String> cycle;

    public DependencyCycleException(List<String> cycle) {
        super(cycle.getFirst(), null, "dependency cycle: " + String.join(" -> ", cycle) + " -> " + cycle.getFirst());
        this.cycle = List.copyOf(cycle);
    }

    /** The plugin ids in the cycle, each depending on the next, the last on the first. */
    public List<String> cycle() {
        return cycle;
    }
}
