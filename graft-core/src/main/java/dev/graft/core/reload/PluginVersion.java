package dev.graft.core.reload;

import dev.graft.core.PluginInfo;
import dev.graft.core.PluginManifest;
import dev.graft.core.host.VersionHandles;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.slot.Slot;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One prepared version of a plugin, with what its slots will point at once it is published, the
 * bodies of the patchable functions it patches (by name; counted like its slots' targets), and its
 * handles (retired with it). {@code tracker} is null for versions whose calls are not counted.
 *
 * <p>A version without state is started while it is prepared; a version with state only once its
 * state was handed over (step 3), so {@code started} says whether its {@code stop} is due. {@code
 * sharing} holds the call trackers of older versions that share this version's state storage and
 * may still have calls in flight (see {@link StateHandover}); it is read and written under the
 * lifecycle lock only.
 */
record PluginVersion(PluginManifest manifest, Artifact artifact, PluginLoader loader, String label,
                     PreparedPlugin prepared, Map<Slot<?>, Object> targets, Map<String, Object> patches, CallTracker tracker,
                     VersionHandles handles, AtomicBoolean started, List<CallTracker> sharing) {

    String id() {
        return manifest.id();
    }

    /**
     * This version without its implementations, tracker or sharers: what retiring it needs once
     * it is no longer published, so that the implementations may become unreachable meanwhile.
     */
    PluginVersion withoutTargets() {
        return new PluginVersion(manifest, artifact, loader, label, prepared, Map.of(), Map.of(), null, handles, started, List.of());
    }

    PluginInfo info() {
        return new PluginInfo(manifest.id(), manifest.version(), loader.kind(), artifact.source(), label,
                manifest.provides(), manifest.requires(), manifest.depends());
    }
}
