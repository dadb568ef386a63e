package dev.graft.natives;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginManifest;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import dev.graft.core.state.BlockState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads native plugins through {@code java.lang.foreign}: a shared library exporting the
 * {@code graft_plugin} descriptor of sdk/c/graft.h, or a sidecar file ({@code *.graft-native})
 * that binds the symbols of a library knowing nothing of Graft (see {@link Sidecar}).
 *
 * <p>The library loaded is Graft's private copy of the artifact (the core's artifact store makes
 * one per version and deletes it once the version is retired), so a build may overwrite the
 * original, and each version is mapped on its own: the system's loader tells libraries apart by
 * file, and every copy is a new file. A library whose run path names {@code $ORIGIN} is mapped
 * from a hidden copy beside the artifact instead, so that it finds the libraries it ships beside
 * itself (see {@link MappedFile}).
 */
public final class NativePluginLoader implements PluginLoader {

    @Override
    public String kind() {
        return "native";
    }

    @Override
    public boolean accepts(Artifact artifact) {
        String name = artifact.name().toLowerCase(Locale.ROOT);
        return name.endsWith(".so") || name.contains(".so.") || name.endsWith(".dylib") || name.endsWith(".dll")
                || name.endsWith(Sidecar.EXTENSION) || ElfFile.looksLikeElf(artifact.copy());
    }

    @Override
    public PluginManifest readManifest(Artifact artifact) {
        if (Sidecar.is(artifact)) {
            return Sidecar.read(artifact).manifest();
        }
        ElfFile.check(artifact.copy(), artifact.source());
        MappedFile mapped = MappedFile.of(artifact);
        try {
            NativeLibrary library = NativeLibrary.openToRead(mapped.file(), artifact.source());
            try {
                return Descriptor.read(library, artifact.source()).manifest(artifact.source());
            } finally {
                library.close();
            }
        } finally {
            mapped.delete();
        }
    }

    /** The manifest, read out of a layout of the library Graft makes itself (an {@link ElfImage}), running none of its code. */
    @Override
    public PluginManifest inspectManifest(Artifact artifact) {
        if (Sidecar.is(artifact)) {
            return Sidecar.read(artifact).manifest();
        }
        return inspectDescriptor(artifact, descriptor -> descriptor.manifest(artifact.source()));
    }

    /** Reads the descriptor with {@code read} out of an {@link ElfImage} of the library: no dlopen, no constructor runs. */
    private static <R> R inspectDescriptor(Artifact artifact, Function<Descriptor, R> read) {
        ElfFile.check(artifact.copy(), artifact.source());
        try (Arena arena = Arena.ofConfined()) {
            return read.apply(Descriptor.read(ElfImage.of(artifact.copy(), artifact.source(), arena), artifact.source()));
        }
    }

    /**
     * The descriptor's functions as it declares them, checked against the host's contracts as
     * {@link #prepare} checks them, and its state declaration, read out of an {@link ElfImage}:
     * the library is not mapped, so neither its constructors nor init run. A sidecar's
     * functions are its {@code function.<method>} lines.
     */
    @Override
    public ArtifactDescription describe(Artifact artifact, PluginManifest manifest,
                                        Function<ContractRef, Optional<ContractType<?>>> contracts,
                                        Function<String, Optional<PatchableType>> patchables) {
        Path source = artifact.source();
        if (Sidecar.is(artifact)) {
            return Sidecar.read(artifact).describe();
        }
        return inspectDescriptor(artifact, descriptor -> {
            StateDeclaration.of(descriptor, manifest.id(), source);
            boolean releases = descriptor.release().address() != 0;
            Map<String, List<String>> functions = new LinkedHashMap<>();
            for (int i = 0; i < descriptor.contracts().size(); i++) {
                ContractRef ref = manifest.provides().get(i);
                Descriptor.ContractEntry entry = descriptor.contracts().get(i);
                ContractType<?> contract = contracts.apply(ref)
                        .orElseThrow(() -> ContractMismatchException.unknownContract(manifest.id(), source, ref));
                ContractLink.match(contract, entry, releases, manifest.id(), source);
                functions.put(ref.toString(), entry.functions().stream().map(Descriptor.FunctionEntry::signature).toList());
            }
            for (Descriptor.PatchEntry entry : descriptor.patches()) {
                // a name the host did not declare is the core's to refuse, with every name it declared
                patchables.apply(entry.name()).ifPresent(patchable -> new PatchLink(patchable, manifest.id(), source)
                        .check(entry, releases));
            }
            return new ArtifactDescription(functions, Map.of(), descriptor.state());
        });
    }

    @Override
    public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
        if (Sidecar.is(artifact)) {
            return Sidecar.read(artifact).prepare(manifest, link);
        }
        Path source = artifact.source();
        ElfFile.check(artifact.copy(), source);
        MappedFile mapped = MappedFile.of(artifact);
        NativeLibrary library;
        try {
            library = NativeLibrary.open(mapped.file(), source);
        } catch (RuntimeException | Error e) {
            mapped.delete();
            throw e;
        }
        try {
            Descriptor descriptor = Descriptor.read(library, source);
            PluginManifest described = descriptor.manifest(source);
            if (!described.id().equals(manifest.id()) || !described.version().equals(manifest.version())) {
                throw new ManifestException(manifest.id(), source, Descriptor.WHERE, 0, "expected plugin " + manifest
                        + " as read before, found " + described + ": the file changed under Graft");
            }
            BlockState state = StateDeclaration.of(descriptor, manifest.id(), source);
            EntryPoints entries = EntryPoints.of(manifest.id(), descriptor);
            CallGuard guard = new CallGuard(link.versionLabel());
            List<Provision> provisions = new ArrayList<>();
            for (Descriptor.ContractEntry entry : descriptor.contracts()) {
                ContractType<?> contract = hostContract(described.provides().get(provisions.size()), manifest.id(), source, link);
                provisions.add(new Provision(contract, ContractLink.bind(contract, entry, entries, link.versionLabel(), source, guard)));
            }
            List<PatchBody> patches = new ArrayList<>();
            for (Descriptor.PatchEntry entry : descriptor.patches()) {
                patches.add(PatchLink.of(entry.name(), link, manifest.id(), source)
                        .bind(entry, entries, guard, link.versionLabel(), artifact.name()));
            }
            MemorySegment host = HostTable.link(descriptor.imports(), link::hostModules, manifest.id(), link.versionLabel(),
                    source, library.arena());
            return new NativePlugin(link.versionLabel(), library, entries, provisions, patches, guard, host,
                    mapped.own() ? mapped.file() : null, state);
        } catch (RuntimeException | Error e) {
            library.close();
            mapped.delete();
            throw e;
        }
    }

    /** A sidecar's library, when the sidecar names it by path: Graft copies and maps it too, so it is signed too. */
    @Override
    public List<Path> companions(Path artifact) {
        Artifact file = new Artifact(artifact, artifact);
        return Sidecar.is(file) ? Sidecar.read(file).libraryFile().stream().toList() : List.of();
    }

    /** The host's interface for a contract the plugin provides: the Java interface is the source of truth. */
    static ContractType<?> hostContract(ContractRef ref, String pluginId, Path source, LinkContext link) {
        return link.contract(ref).orElseThrow(() -> ContractMismatchException.unknownContract(pluginId, source, ref));
    }
}
