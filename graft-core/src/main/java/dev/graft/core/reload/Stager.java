package dev.graft.core.reload;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.GraftException;
import dev.graft.core.GraftLoggers;
import dev.graft.core.Inspection;
import dev.graft.core.PluginLinkException;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginManifest;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.sign.TrustedKeys;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.spi.ArtifactBytes;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.watch.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Step 1 of a reload (docs/reload.md, "Copy"): an artifact is copied into Graft's private folder,
 * the copy's signature is checked when the host trusts keys, the first loader that accepts the
 * copy is picked, and it reads the manifest. Everything after
 * this reads the copy, so the original may be overwritten at once. Also which files of a folder
 * some loader reads.
 */
final class Stager {

    private final List<PluginLoader> loaders;
    private final ArtifactStore store;
    private final TrustedKeys trust;

    Stager(List<PluginLoader> loaders, ArtifactStore store, TrustedKeys trust) {
        this.loaders = List.copyOf(loaders);
        this.store = store;
        this.trust = trust;
    }

    /** Step 1 and the start of step 2: copy the artifact, pick its loader, read its manifest. */
    Staged stage(Path source, String expectedId) {
        Artifact artifact;
        try {
            artifact = store.copy(source);
        } catch (PluginException e) {
            throw expectedId == null ? e : e.forPlugin(expectedId);
        }
        try {
            // before any loader looks at it: reading a manifest may run code (a native library's constructors)
            trust.verify(expectedId, source, source, artifact.copy());
            PluginLoader loader = loaderFor(artifact);
            PluginManifest manifest = readManifest(loader, artifact, expectedId);
            if (expectedId != null && !manifest.id().equals(expectedId)) {
                throw new PluginException(expectedId, source, "expected an artifact of plugin '" + expectedId
                        + "', found one of plugin '" + manifest.id() + "'");
            }
            return new Staged(artifact, loader, manifest);
        } catch (PluginException e) {
            store.delete(artifact);
            throw expectedId == null ? e : e.forPlugin(expectedId);
        } catch (RuntimeException e) {
            store.delete(artifact);
            throw e;
        }
    }

    private static PluginManifest readManifest(PluginLoader loader, Artifact artifact, String expectedId) {
        return read(loader, artifact, expectedId, loader::readManifest);
    }

    /** A manifest read by {@code reader}, any unexpected failure of the loader's an InvalidArtifactException. */
    private static PluginManifest read(PluginLoader loader, Artifact artifact, String expectedId,
                                       Function<Artifact, PluginManifest> reader) {
        try {
            return reader.apply(artifact);
        } catch (GraftException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidArtifactException(expectedId, artifact.source(), "the " + loader.kind()
                    + " loader failed to read it: " + e, e);
        }
    }

    /**
     * Step 1 and the checks of step 2 that run none of the plugin's code, on a private copy as a
     * load reads it, deleted afterwards: what {@code graft inspect} shows. Never throws a
     * {@link PluginException}: the refusal is part of the answer.
     *
     * @param contracts  the host's contract interfaces
     * @param patchables the host's patchable functions
     * @param imports    checks the manifest's host module imports, and the patchable functions it patches
     */
    Inspection inspect(Path source, Function<ContractRef, Optional<ContractType<?>>> contracts,
                       Function<String, Optional<PatchableType>> patchables, Consumer<PluginManifest> imports) {
        Artifact artifact;
        try {
            artifact = store.copy(source);
        } catch (PluginException e) {
            return new Inspection(source, null, null, null, e);
        }
        String kind = null;
        PluginManifest manifest = null;
        ArtifactDescription description = null;
        // a load checks the signature first and refuses there; inspecting never runs plugin code,
        // so it reads on, and reports the first refusal, the one a load would give
        PluginException refusal = null;
        try {
            trust.verify(null, source, source, artifact.copy());
        } catch (PluginException e) {
            refusal = e;
        }
        try {
            PluginLoader loader = loaderFor(artifact);
            kind = loader.kind();
            manifest = read(loader, artifact, null, loader::inspectManifest);
            try {
                description = loader.describe(artifact, manifest, contracts, patchables);
            } catch (GraftException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginLinkException(manifest.id(), source, "the " + kind + " loader failed: " + e, e);
            }
            if (refusal == null) {
                imports.accept(manifest);
            }
        } catch (PluginException e) {
            description = null; // a refused read shows kind and manifest as far as they were read, no description
            refusal = refusal != null ? refusal : e;
        } finally {
            store.delete(artifact);
        }
        return new Inspection(source, kind, manifest, description,
                refusal == null || manifest == null ? refusal : refusal.forPlugin(manifest.id()));
    }

    /**
     * A live version staged again for re-linking: a fresh copy of its current copy (not of its
     * original file, so a rebuilt dependent is not picked up on the side), same loader, same manifest.
     */
    Staged again(PluginVersion current) {
        return new Staged(store.recopy(current.artifact()), current.loader(), current.manifest());
    }

    private PluginLoader loaderFor(Artifact artifact) {
        return loaders.stream().filter(l -> accepts(l, artifact)).findFirst()
                .orElseThrow(() -> new InvalidArtifactException(null, artifact.source(), "expected a plugin artifact of kind "
                        + loaders.stream().map(PluginLoader::kind).collect(Collectors.joining(" or "))
                        + ", found " + ArtifactBytes.describeStart(artifact.copy())));
    }

    /**
     * The files beside {@code file} that the loader a load would choose also copies and reads (a
     * native sidecar's library): what {@code graft sign} signs with it. None if no loader takes it.
     */
    List<Path> companions(Path file) {
        Artifact probe = new Artifact(file, file);
        return loaders.stream().filter(l -> accepts(l, probe)).findFirst().map(l -> l.companions(file)).orElse(List.of());
    }

    /** Whether some loader reads this file, judged from its name or first bytes. */
    boolean accepts(Path file) {
        Artifact probe = new Artifact(file, file);
        return loaders.stream().anyMatch(l -> accepts(l, probe));
    }

    /** A loader that throws while sniffing a file does not read it. */
    private static boolean accepts(PluginLoader loader, Artifact artifact) {
        try {
            return loader.accepts(artifact);
        } catch (RuntimeException e) {
            System.getLogger(GraftLoggers.RELOAD).log(System.Logger.Level.WARNING,
                    "the " + loader.kind() + " loader failed to look at " + artifact.source(), e);
            return false;
        }
    }

    /** The files in a folder that some loader reads, skipping hidden, temporary and lock files. */
    List<Path> artifactsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidArtifactException(null, directory, "expected a folder of plugin artifacts, found "
                    + (Files.exists(directory) ? "a file" : "nothing at " + directory));
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> !ArtifactFiles.isIgnored(f))
                    .filter(this::accepts).sorted().toList();
        } catch (IOException e) {
            throw new InvalidArtifactException(null, directory, "cannot list the folder: " + e, e);
        }
    }
}
