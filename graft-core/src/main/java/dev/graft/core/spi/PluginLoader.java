package dev.graft.core.spi;

import dev.graft.core.PluginManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns an artifact of one kind into a linked, started plugin version: one loader per kind, the
 * core knows nothing kind-specific. Loaders are found with {@link java.util.ServiceLoader} or given
 * to the builder.
 *
 * <p>Every method may be called from any thread, but never twice at once for the same plugin.
 * Failures are thrown as subclasses of {@link dev.graft.core.PluginException} naming what was
 * expected and what was found.
 */
public interface PluginLoader {

    /** The kind this loader reads: {@code jvm}, {@code native}, {@code wasm}. */
    String kind();

    /** Whether this loader reads the artifact; decided from its name or first bytes, cheaply. */
    boolean accepts(Artifact artifact);

    /** Reads and checks the manifest; loads nothing. */
    PluginManifest readManifest(Artifact artifact);

    /**
     * Reads, verifies, loads and links the plugin version off to the side: nothing visible
     * changes. The version is not started yet.
     */
    PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link);

    /**
     * The other files, beside the artifact, that this loader copies and reads or maps when it
     * loads it (a native sidecar's library): {@code graft sign} signs them with the artifact, and
     * {@link LinkContext#verifySignature} checks them. None by default.
     */
    default List<Path> companions(Path artifact) {
        return List.of();
    }
}
