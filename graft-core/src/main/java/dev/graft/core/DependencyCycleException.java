package dev.graft.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Plugins depend on each other in a cycle; the message names every plugin in it. */
public class DependencyCycleException extends PluginException {

    private final List<String> cycle;

    public DependencyCycleException(List<String> cycle) {
        super(cycle.getFirst(), null, describe(cycle));
        this.cycle = List.copyOf(cycle);
    }

    /**
     * A cycle found while loading or reloading {@code pluginId} from {@code artifact}: told
     * starting from that plugin when it is in it.
     */
    public DependencyCycleException(List<String> cycle, String pluginId, Path artifact) {
        super(pluginId, artifact, describe(startingAt(cycle, pluginId)));
        this.cycle = startingAt(cycle, pluginId);
    }

    private static String describe(List<String> cycle) {
        return "dependency cycle: " + String.join(" -> ", cycle) + " -> " + cycle.getFirst();
    }

    private static List<String> startingAt(List<String> cycle, String id) {
        List<String> out = new ArrayList<>(cycle);
        if (out.contains(id)) {
            Collections.rotate(out, -out.indexOf(id));
        }
        return List.copyOf(out);
    }

    /** The plugin ids in the cycle, each depending on the next, the last on the first. */
    public List<String> cycle() {
        return cycle;
    }
}
