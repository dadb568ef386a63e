package dev.graft.core;

import dev.graft.core.spi.ArtifactDescription;
import java.nio.file.Path;

/**
 * What {@link Graft#inspect} read of an artifact, and whether a load would refuse it. Each part is
 * null when reading stopped before it: no kind when no loader reads the file, no manifest when it
 * is malformed, no description when a later check refused the artifact.
 *
 * @param artifact    the file as the host named it
 * @param kind        the loader's kind ({@code jvm}, {@code native}, {@code wasm}), or null
 * @param manifest    the plugin's manifest, or null
 * @param description what its loader read beyond the manifest, or null
 * @param refusal     the exception a load would end with before running any of the plugin's code,
 *                    or null when every such check passed (its start code may still fail)
 */
public record Inspection(Path artifact, String kind, PluginManifest manifest, ArtifactDescription description,
                         PluginException refusal) {

    /** Whether every check a load runs before running the plugin's code passed. */
    public boolean loadable() {
        return refusal == null;
    }
}
