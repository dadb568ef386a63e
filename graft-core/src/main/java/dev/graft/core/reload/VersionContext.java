package dev.graft.core.reload;

import dev.graft.api.PluginContext;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.LinkContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.graft.core.Version;
import java.util.function.BiFunction;

/**
 * The context of one plugin version: what its loader sees while preparing it, and what the
 * plugin's own code sees ({@link PluginContext}).
 *
 * <p>Required contracts resolve to slot proxies once and are cached, so a plugin may call
 * {@link #contract} on its call path without taking the lifecycle lock.
 */
final class VersionContext implements PluginContext, LinkContext {

    private final PluginManifest manifest;
    private final String label;
    private final ContractCatalog catalog;
    private final BiFunction<ContractType<?>, Version, Object> resolve;
    private final Map<Class<?>, Object> resolved = new ConcurrentHashMap<>();

    /**
     * @param resolve finds the proxy of the provider for a required contract at a version, under the lifecycle lock
     */
    VersionContext(PluginManifest manifest, String label, ContractCatalog catalog, BiFunction<ContractType<?>, Version, Object> resolve) {
        this.manifest = manifest;
        this.label = label;
        this.catalog = catalog;
        this.resolve = resolve;
    }

    @Override
    public String pluginId() {
        return manifest.id();
    }

    @Override
    public String pluginVersion() {
        return manifest.version().toString();
    }

    @Override
    public <T> T contract(Class<T> type) {
        return type.cast(resolved.computeIfAbsent(type, t -> {
            ContractType<?> contract = ContractType.of(t);
            ContractRef declared = manifest.requires().stream()
                    .filter(r -> r.sameContract(contract.ref())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("plugin '" + manifest.id()
                            + "' asked for contract " + contract + " but its manifest requires "
                            + (manifest.requires().isEmpty() ? "no contracts" : manifest.requires())
                            + "; declare it in requires"));
            return resolve.apply(contract, declared.version());
        }));
    }

    @Override
    public PluginContext pluginContext() {
        return this;
    }

    @Override
    public Optional<ContractType<?>> contract(ContractRef ref) {
        return catalog.find(ref);
    }

    @Override
    public String versionLabel() {
        return label;
    }
}
