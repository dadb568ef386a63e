package dev.graft.core.reload;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.GraftException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginRef;
import dev.graft.core.PluginStartException;
import dev.graft.core.UnsatisfiedDependencyException;
import dev.graft.core.Version;
import dev.graft.core.host.HandleTable;
import dev.graft.core.host.HostModules;
import dev.graft.core.host.VersionHandles;
import dev.graft.core.sign.TrustedKeys;
import dev.graft.core.patch.Patchable;
import dev.graft.core.patch.Patches;
import dev.graft.core.slot.CallTracker;
import dev.graft.core.slot.Slot;
import dev.graft.core.spi.LinkedHostModule;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Step 2 of a reload (docs/reload.md, "Prepare, off to the side"): turns a staged artifact into a
 * started plugin version that nothing can see yet. It is checked against the world, linked
 * against the host modules, prepared by its loader, its provisions linked to slots, wrapped for
 * call counting if it asks to be, and started. Also the check that a new version keeps what
 * proxies handed out on the old one need.
 *
 * <p>Used under the lifecycle lock only.
 */
final class Preparer {

    /** Finds the proxy a plugin gets for a contract it requires, under the lifecycle lock. */
    @FunctionalInterface
    interface Resolver {
        Object proxy(ContractType<?> contract, Version requested, String requester);
    }

    private final Registry registry;
    private final HostModules hostModules;
    private final HandleTable handles;
    private final TrustedKeys trust;
    private final Resolver resolver;
    private final Patches patches;
    private long generation; // guarded by the lifecycle lock

    Preparer(Registry registry, HostModules hostModules, HandleTable handles, TrustedKeys trust, Resolver resolver,
             Patches patches) {
        this.registry = registry;
        this.patches = patches;
        this.hostModules = hostModules;
        this.handles = handles;
        this.trust = trust;
        this.resolver = resolver;
    }

    /**
     * Step 2: link against the world and the host modules, let the loader prepare, wrap for
     * counting, start. The version's handles are retired if any of it fails.
     */
    PluginVersion prepare(Staged staged, Map<String, PluginManifest> world) {
        PluginManifest manifest = staged.manifest();
        checkRequirements(manifest, staged.artifact().source(), world);
        checkPatchesDeclared(manifest, staged.artifact().source());
        String label = manifest.id() + "@" + manifest.version() + "#" + (++generation);
        VersionHandles versionHandles = handles.open(label);
        PluginVersion version = null;
        try {
            version = prepare(staged, label, versionHandles);
            return version;
        } finally {
            if (version == null) {
                versionHandles.retire(); // whatever a factory or the loader made in it goes
            }
        }
    }

    private PluginVersion prepare(Staged staged, String label, VersionHandles versionHandles) {
        PluginManifest manifest = staged.manifest();
        Path source = staged.artifact().source();
        List<LinkedHostModule> modules = hostModules.link(manifest, source, label, versionHandles);
        VersionContext context = new VersionContext(manifest, label, registry.catalog,
                (type, version) -> resolver.proxy(type, version, manifest.id()),
                modules, versionHandles, hostModules, (original, copy) -> trust.verify(manifest.id(), source, original, copy),
                patches);
        context.resolveRequired();
        PreparedPlugin prepared;
        try {
            prepared = staged.loader().prepare(staged.artifact(), manifest, context);
        } catch (PluginException e) {
            throw e.forPlugin(manifest.id()); // a loader re-reading its artifact (a corrupt jar entry) may not name it
        } catch (GraftException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLinkException(manifest.id(), source, "the " + staged.loader().kind() + " loader failed: " + e, e);
        }
        try {
            Map<Slot<?>, Object> implementations = link(manifest, source, prepared);
            boolean stateful = prepared.state() != null;
            CallTracker tracker = prepared.drainBeforeStop() || stateful ? new CallTracker(label) : null;
            Map<Slot<?>, Object> targets = new LinkedHashMap<>();
            implementations.forEach((slot, impl) -> targets.put(slot, tracker == null ? impl
                    : slot.counted(impl, tracker)));
            Map<String, Object> patchBodies = new LinkedHashMap<>();
            linkPatches(manifest, source, prepared).forEach((patchable, body) -> patchBodies.put(patchable.name(),
                    tracker == null ? body : patchable.counted(body, tracker)));
            PluginVersion version = new PluginVersion(manifest, staged.artifact(), staged.loader(), label, prepared,
                    Map.copyOf(targets), Map.copyOf(patchBodies), tracker, versionHandles, new AtomicBoolean(), new ArrayList<>());
            if (!stateful) {
                start(version); // a version with state starts once it has it (StateHandover)
            }
            return version;
        } catch (RuntimeException e) {
            try {
                prepared.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Runs the version's start code; a failure refuses the load or reload. Any throwable of the
     * plugin's (an AssertionError, a StackOverflowError) is a failed start; only the JVM's own
     * VirtualMachineErrors pass through, and the caller still rolls back.
     */
    static void start(PluginVersion version) {
        try {
            version.prepared().start();
            version.started().set(true);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            throw new PluginStartException(version.id(), version.artifact().source(), "start failed: " + e, e);
        }
    }

    /** Every contract the manifest provides has an implementation of the host's contract type, and no other. */
    private Map<Slot<?>, Object> link(PluginManifest manifest, Path source, PreparedPlugin prepared) {
        Map<Slot<?>, Object> implementations = new LinkedHashMap<>();
        List<Provision> provisions = prepared.provisions();
        for (ContractRef provided : manifest.provides()) {
            Provision p = provisions.stream().filter(x -> x.contract().name().equals(provided.name())).findFirst()
                    .orElseThrow(() -> new ContractMismatchException(manifest.id(), source, "expected an implementation of "
                            + provided + " as the manifest says, found none linked"));
            if (p.contract().version().major() != provided.version().major()) {
                throw new ContractMismatchException(manifest.id(), source, "expected contract " + provided
                        + " as the manifest says, found the host's " + p.contract() + ", another major version");
            }
            ContractType<?> host = registry.catalog.register(p.contract(), manifest.id());
            implementations.put(registry.group(manifest.id()).slot(host), p.implementation());
        }
        for (Provision p : provisions) {
            if (manifest.provides().stream().noneMatch(r -> r.name().equals(p.contract().name()))) {
                throw new ContractMismatchException(manifest.id(), source, "expected only the contracts the manifest provides "
                        + manifest.provides() + ", found an implementation of " + p.contract() + " too");
            }
        }
        return implementations;
    }

    /** Every function the manifest patches was declared by the host: checked before the loader runs. */
    void checkPatchesDeclared(PluginManifest manifest, Path source) {
        for (String name : manifest.patches()) {
            if (patches.find(name).isEmpty()) {
                throw new PluginLinkException(manifest.id(), source, "expected a patchable function '" + name
                        + "' declared by the host (patches = " + String.join(", ", manifest.patches()) + "), found "
                        + (patches.names().isEmpty() ? "none declared" : "only " + String.join(", ", patches.names())));
            }
        }
    }

    /** Every function the manifest patches has a body of its interface, and no other function has one. */
    private Map<Patchable<?>, Object> linkPatches(PluginManifest manifest, Path source, PreparedPlugin prepared) {
        Map<Patchable<?>, Object> bodies = new LinkedHashMap<>();
        List<PatchBody> supplied = prepared.patches();
        for (String name : manifest.patches()) {
            Patchable<?> patchable = patches.find(name).orElseThrow();
            PatchBody body = supplied.stream().filter(b -> b.function().equals(name)).findFirst()
                    .orElseThrow(() -> new PluginLinkException(manifest.id(), source, "expected a body for " + patchable
                            + " as the manifest's patches say, found none linked"));
            if (!patchable.declaration().accepts(body.body())) {
                throw new PluginLinkException(manifest.id(), source, "expected a body for " + patchable + " implementing "
                        + patchable.declaration().signature() + ", found " + (body.body() == null ? "null"
                        : "a " + body.body().getClass().getName()));
            }
            bodies.put(patchable, body.body());
        }
        for (PatchBody body : supplied) {
            if (!manifest.patches().contains(body.function())) {
                throw new PluginLinkException(manifest.id(), source, "expected bodies only for the functions the manifest patches "
                        + manifest.patches() + ", found one for '" + body.function() + "' too");
            }
        }
        return bodies;
    }

    private void checkRequirements(PluginManifest manifest, Path source, Map<String, PluginManifest> world) {
        for (ContractRef required : manifest.requires()) {
            if (Registry.bestProvider(world.values(), required, manifest.id()).isEmpty()) {
                String offered = world.values().stream()
                        .flatMap(m -> m.provides().stream().filter(p -> p.name().equals(required.name()))
                                .map(p -> p + " from '" + m.id() + "'"))
                        .collect(Collectors.joining(", "));
                throw new UnsatisfiedDependencyException(manifest.id(), source, "requires contract " + required
                        + ", found " + (offered.isEmpty() ? "no plugin providing it" : offered));
            }
        }
        for (PluginRef dependency : manifest.depends()) {
            PluginManifest found = world.get(dependency.id());
            if (found == null || !found.version().satisfies(dependency.version())) {
                throw new UnsatisfiedDependencyException(manifest.id(), source, "depends on plugin " + dependency
                        + ", found " + (found == null ? "it not loaded" : found.id() + "@" + found.version()));
            }
        }
    }

    /** A reload may not take away a contract someone holds a proxy on, nor go below the version they asked for. */
    static void checkKeepsHandedOutSlots(PluginVersion old, PluginVersion next) {
        for (Slot<?> slot : old.targets().keySet()) {
            if (!slot.handedOut()) {
                continue;
            }
            ContractRef needed = new ContractRef(slot.contract().name(), slot.highestRequested());
            if (next.manifest().provided(needed).isEmpty()) {
                throw new ContractMismatchException(next.id(), next.artifact().source(), "expected version "
                        + next.manifest().version() + " to keep providing " + needed + " (proxies on it are held), found it provides "
                        + (next.manifest().provides().isEmpty() ? "no contracts" : next.manifest().provides()));
            }
        }
    }
}
