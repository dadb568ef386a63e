package dev.graft.core.spi;

import dev.graft.api.PluginContext;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
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
}
