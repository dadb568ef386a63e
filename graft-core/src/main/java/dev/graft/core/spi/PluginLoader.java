package dev.graft.core.spi;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.PluginManifest;
import dev.graft.core.patch.PatchableType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
     * Reads and checks the manifest as {@link #readManifest} does, for an inspection
     * ({@code graft inspect}), running none of the plugin's code. By default {@code readManifest},
     * which runs none for most kinds; a loader whose {@code readManifest} may (mapping a native
     * library runs its constructors) reads it another way.
     */
    default PluginManifest inspectManifest(Artifact artifact) {
        return readManifest(artifact);
    }

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

    /**
     * Describes the artifact beyond its manifest ({@code graft inspect}): each provided contract's
     * functions as this loader reads them, the limits it would run under, its declared state. Runs
     * every check {@link #prepare} runs that needs none of the plugin's code to run (reading,
     * verifying, linking each contract against {@code contracts}, the host's interfaces, and each
     * patch the artifact carries against {@code patchables}, the host's declarations), and throws
     * what {@code prepare} would; runs none of the plugin's code itself. The default describes
     * nothing more than the manifest.
     *
     * @param manifest   what {@link #readManifest} read of this artifact
     * @param contracts  the host's interface of a contract, when it knows one
     * @param patchables the host's patchable function of a name, when it declared one (a name the
     *                   manifest patches that the host did not declare is the core's to refuse,
     *                   after this)
     */
    default ArtifactDescription describe(Artifact artifact, PluginManifest manifest,
                                         Function<ContractRef, Optional<ContractType<?>>> contracts,
                                         Function<String, Optional<PatchableType>> patchables) {
        return ArtifactDescription.NONE;
    }
}
