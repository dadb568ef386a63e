package dev.graft.core.spi;

import dev.graft.api.PluginContext;
import dev.graft.api.StateCell;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.host.PluginHandles;
import java.nio.file.Path;
import dev.graft.core.patch.PatchableType;
import java.util.List;
import java.util.Optional;

/** What the core hands a loader while it prepares one plugin version. */
public interface LinkContext {

    /** The context the plugin version's own code sees. */
    PluginContext pluginContext();

    /** The host's contract interface for a contract of this name and major version, if the host knows it. */
    Optional<ContractType<?>> contract(ContractRef ref);

    /**
     * A name for this version unique in the runtime, such as {@code greeter@1.0.0#3}, for class
     * loaders, threads and mapped copies.
     */
    String versionLabel();

    /**
     * The host modules the manifest imports, in the manifest's order, already checked by the core
     * (registered, granted, a version that satisfies the import) and made for this version. A
     * loader binds them to its guest (native: a table of upcalls; wasm: imports; JVM: the
     * plugin's context).
     */
    List<LinkedHostModule> hostModules();

    /**
     * Checks a file the loader copied itself, besides the artifact, before it reads or maps it (a
     * sidecar's library): the loader's copy, against the signature file beside the original, as
     * the core checked the artifact's copy. Does nothing when the host trusts no key.
     *
     * @throws dev.graft.core.ArtifactSignatureException naming plugin, artifact, the file, and
     *                                                    what was expected and found
     */
    void verifySignature(Path original, Path copy);

    /** The handles of this version; the core releases them all when the version is retired. */
    PluginHandles handles();

    /**
     * The patchable function of this name the host declared, if any: the interface a patch body
     * must implement (a loader makes its bodies instances of it).
     */
    default Optional<PatchableType> patchable(String name) {
        return Optional.empty();
    }

    /**
     * Offers the plugin's state cell to its code: what {@code PluginContext.state(type)} returns.
     * A loader whose plugins keep state in a JVM object calls this while preparing the version.
     */
    default void stateCell(StateCell<?> cell) {
        throw new UnsupportedOperationException("this link context keeps no state cell");
    }
}
