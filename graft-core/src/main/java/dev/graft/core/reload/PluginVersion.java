package dev.graft.core.reload;

import dev.graft.core.PluginInfo;
import dev.graft.core.PluginManifest;
import dev.graft.core.host.VersionHandles;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.slot.Slot;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import java.util.Map;

/**
 * One prepared and started version of a plugin, with what its slots will point at once it is
 * published, and its handles (retired with it). {@code tracker} is null for versions whose calls
 * are not counted.
 */
record PluginVersion(PluginManifest manifest, Artifact artifact, PluginLoader loader, String label,
                     PreparedPlugin prepared, Map<Slot<?>, Object> targets, CallTracker tracker,
                     VersionHandles handles) {

    String id() {
        return manifest.id();
    }

    PluginInfo info() {
        return new PluginInfo(manifest.id(), manifest.version(), loader.kind(), artifact.source(), label,
                manifest.provides(), manifest.requires(), manifest.depends());
    }
}
