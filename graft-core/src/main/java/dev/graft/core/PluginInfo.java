package dev.graft.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded plugin version as the host sees it.
 *
 * @param label    unique name of this version in the runtime, {@code id@version#generation}
 * @param artifact the artifact as the host named it
 */
public record PluginInfo(String id, Version version, String kind, Path artifact, String label,
                         List<ContractRef> provides, List<ContractRef> requires, List<PluginRef> depends) {

    @Override
    public String toString() {
        return label + " (" + kind + ", " + artifact.getFileName() + ")";
    }
}
