package dev.graft.core.reload;

import dev.graft.api.PluginContext;
import dev.graft.api.StateCell;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.GraftException;
import dev.graft.core.ModuleRef;
import dev.graft.core.PluginManifest;
import dev.graft.core.Version;
import dev.graft.core.host.HostModuleType;
import dev.graft.core.host.HostModules;
import dev.graft.core.host.PluginHandles;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.patch.Patches;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.LinkedHostModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The context of one plugin version: what its loader sees while preparing it, and what the
 * plugin's own code sees ({@link PluginContext}).
 *
 * <p>Required contracts resolve to slot proxies once and are cached, so a plugin may call
 * {@link #contract} on its call path without taking the lifecycle lock. Host modules were linked
 * before the loader ran; {@link #hostModule} only looks them up.
 */
final class VersionContext implements PluginContext, LinkContext {

    private final PluginManifest manifest;
    private final String label;
    private final ContractCatalog catalog;
    private final BiFunction<ContractType<?>, Version, Object> resolve;
    private final Map<Class<?>, Object> resolved = new ConcurrentHashMap<>();
    private final List<LinkedHostModule> modules;
    private final PluginHandles handles;
    private final HostModules hostModules;
    private final BiConsumer<Path, Path> verifier;
    private final Patches patches;
    private volatile StateCell<?> stateCell; // set by the loader while it prepares the version

    /**
     * @param resolve     finds the proxy of the provider for a required contract at a version, under the lifecycle lock
     * @param modules     the host modules linked for this version, in the manifest's order
     * @param hostModules what the host offers, to say why a module is missing
     * @param verifier    checks a loader's own copy of a file against its signature
     * @param patches     the host's patchable functions, for the plugin's patches
     */
    VersionContext(PluginManifest manifest, String label, ContractCatalog catalog,
                   BiFunction<ContractType<?>, Version, Object> resolve, List<LinkedHostModule> modules,
                   PluginHandles handles, HostModules hostModules, BiConsumer<Path, Path> verifier, Patches patches) {
        this.manifest = manifest;
        this.label = label;
        this.catalog = catalog;
        this.resolve = resolve;
        this.modules = List.copyOf(modules);
        this.handles = handles;
        this.hostModules = hostModules;
        this.verifier = verifier;
        this.patches = patches;
    }

    @Override
    public void verifySignature(Path original, Path copy) {
        verifier.accept(original, copy);
    }

    @Override
    public String pluginId() {
        return manifest.id();
    }

    @Override
    public String pluginVersion() {
        return manifest.version().toString();
    }

    /**
     * Resolves now every required contract the host knows, so that the plugin's calls find them
     * without the lifecycle lock: a call in flight during a quiesce must never wait for the lock
     * that the quiescing reload holds (it would wait out the quiesce timeout). A contract the host
     * does not know yet is left to the first {@link #contract} call.
     */
    void resolveRequired() {
        for (ContractRef ref : manifest.requires()) {
            catalog.find(ref).ifPresent(contract -> {
                try {
                    resolved.computeIfAbsent(contract.type(), t -> resolve.apply(contract, ref.version()));
                } catch (GraftException e) {
                    // no provider to bind to yet: the first call says why
                }
            });
        }
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
    public <M> M hostModule(Class<M> type) {
        HostModuleType<M> wanted = HostModuleType.of(type);
        ModuleRef ref = wanted.ref();
        for (LinkedHostModule linked : modules) {
            if (linked.module().ref().sameModule(ref)) {
                if (!type.isInstance(linked.implementation())) {
                    Class<?> hosts = linked.module().type();
                    String twins = hosts.getName().equals(type.getName())
                            ? " loaded by " + hosts.getClassLoader() + ", not by " + type.getClassLoader() : "";
                    throw new IllegalArgumentException("plugin '" + manifest.id() + "' asked for host module " + wanted
                            + ", found the host's " + linked.module() + twins + ", another interface; ask for that one");
                }
                return type.cast(linked.implementation());
            }
        }
        String imports = manifest.imports().isEmpty() ? "no host modules" : manifest.imports().toString();
        throw new IllegalArgumentException("plugin '" + manifest.id() + "' asked for host module " + wanted
                + " but its manifest imports " + imports + "; declare it in imports"
                + (hostModules.granted(manifest.id(), ref) ? "" : ", and ask the host to grant it (it is not granted to this plugin)"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends Record> StateCell<S> state(Class<S> type) {
        StateCell<?> cell = stateCell;
        if (cell == null) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' asked for its state as " + type.getName()
                    + " but its manifest declares no state; add 'state = " + type.getName() + "' to it");
        }
        if (cell.type() != type) {
            throw new IllegalArgumentException("plugin '" + manifest.id() + "' asked for its state as " + type.getName()
                    + ", found its manifest declares " + cell.type().getName()
                    + (cell.type().getName().equals(type.getName()) ? " loaded by another class loader" : ""));
        }
        return (StateCell<S>) cell;
    }

    @Override
    public void stateCell(StateCell<?> cell) {
        this.stateCell = cell;
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
    public Optional<PatchableType> patchable(String name) {
        return patches.declaration(name);
    }

    @Override
    public String versionLabel() {
        return label;
    }

    @Override
    public List<LinkedHostModule> hostModules() {
        return modules;
    }

    @Override
    public PluginHandles handles() {
        return handles;
    }
}
