package dev.graft.core.reload;

import dev.graft.core.PluginManifest;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.PluginLoader;

/** An artifact after step 1 of a reload: Graft's private copy, the loader that reads it, its manifest. */
record Staged(Artifact artifact, PluginLoader loader, PluginManifest manifest) {
}
