package dev.graft.natives;

import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.ManifestKeys;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.Provision;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sidecar file ({@code NAME.graft-native}) describes a library that knows nothing of Graft, so
 * that it can serve a contract, and be hot-swapped with a Graft plugin of the same id:
 *
 * <pre>
 * id       = zlib-checksum
 * version  = 1.2.13
 * provides = example.checksum@1.0
 * library  = libz.so.1                               # a name the system's loader finds, or a path
 * function.crc32   = crc32(u64, ptr, u32) -> u64     # contract method = C prototype of a symbol
 * function.adler32 = adler32(u64, ptr, u32) -> u64
 * patches  = discount                                # the host's patchable functions it patches
 * patch.discount = floor(f64) -> f64                 # function = C prototype of a symbol
 * </pre>
 *
 * <p>A {@code library} that is a path (it contains a {@code /}) is resolved against the sidecar's
 * folder and copied before it is mapped, like any plugin artifact; the copy is deleted when the
 * version is retired. When the host trusts keys, the copy is checked against the library's own
 * signature file ({@code LIBRARY.sig}), as the sidecar's copy was against its own. A library named for the system's loader (a system library) is shared with
 * the rest of the process and not copied. See {@link PlainCall} for the prototype notation.
 */
final class Sidecar {

    static final String EXTENSION = ".graft-native";
    private static final String LIBRARY = "library";
    private static final String FUNCTION = "function.";
    private static final String PATCH = "patch.";
    private static final ManifestKeys KEYS = ManifestKeys.of(LIBRARY, FUNCTION + "<method>", PATCH + "<a patched function>");

    private final Artifact artifact;
    private final String text;
    private final PluginManifest manifest;

    private Sidecar(Artifact artifact, String text, PluginManifest manifest) {
        this.artifact = artifact;
        this.text = text;
        this.manifest = manifest;
    }

    static boolean is(Artifact artifact) {
        return artifact.name().endsWith(EXTENSION);
    }

    /** Reads and checks the sidecar's text; maps nothing. */
    static Sidecar read(Artifact artifact) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(artifact.copy()))).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(null, artifact.source(), artifact.name(), 0, "expected UTF-8 text, found bytes that are not");
        } catch (IOException e) {
            throw new InvalidArtifactException(null, artifact.source(), "expected a readable sidecar file, found: " + e, e);
        }
        PluginManifest manifest = ManifestParser.parse(text, artifact.source(), artifact.name(), KEYS);
        if (!manifest.imports().isEmpty()) {
            throw error(manifest, artifact, text, "imports", "expected no imports (a library that knows nothing of Graft "
                    + "cannot call host modules), found " + manifest.imports());
        }
        for (String key : manifest.attributes().keySet()) { // only library, function.<method> and patch.<function>
            if (key.startsWith(PATCH) && !manifest.patches().contains(key.substring(PATCH.length()))) {
                throw error(manifest, artifact, text, key, "expected patch.<function> keys only for functions in patches ("
                        + (manifest.patches().isEmpty() ? "it names none" : String.join(", ", manifest.patches())) + "), found '" + key + "'");
            }
            if (key.startsWith(FUNCTION) || key.startsWith(PATCH)) {
                try {
                    PlainCall.Prototype.parse(manifest.attributes().get(key));
                } catch (IllegalArgumentException e) {
                    throw error(manifest, artifact, text, key, e.getMessage());
                }
            }
        }
        for (String function : manifest.patches()) {
            if (manifest.attributes().get(PATCH + function) == null) {
                throw error(manifest, artifact, text, "patches", "expected a line '" + PATCH + function
                        + " = <C prototype>' naming the symbol that patches " + function + ", found none");
            }
        }
        if (manifest.attributes().get(LIBRARY) == null || manifest.attributes().get(LIBRARY).isBlank()) {
            throw error(manifest, artifact, text, "id", "expected a key 'library = <name or path>' naming the library, found none");
        }
        return new Sidecar(artifact, text, manifest);
    }

    PluginManifest manifest() {
        return manifest;
    }

    /** The library file this sidecar names by path, which Graft copies and maps too; empty for a system library. */
    java.util.Optional<Path> libraryFile() {
        String libraryName = manifest.attributes().get(LIBRARY);
        return libraryName.contains("/")
                ? java.util.Optional.of(artifact.source().toAbsolutePath().getParent().resolve(libraryName).normalize())
                : java.util.Optional.empty();
    }

    /** Its {@code function.<method>} lines (which name the library's symbols), under each contract it provides. */
    ArtifactDescription describe() {
        List<String> prototypes = manifest.attributes().entrySet().stream().filter(e -> e.getKey().startsWith(FUNCTION))
                .map(e -> e.getKey().substring(FUNCTION.length()) + " = " + e.getValue()).sorted().toList();
        Map<String, List<String>> functions = new LinkedHashMap<>();
        manifest.provides().forEach(p -> functions.put(p.toString(), prototypes));
        return new ArtifactDescription(functions, Map.of(), null);
    }

    /** Maps the library and binds every method of every provided contract to the symbol its line names. */
    NativePlugin prepare(PluginManifest expected, LinkContext link) {
        Path source = artifact.source();
        String id = expected.id();
        String libraryName = manifest.attributes().get(LIBRARY);
        Path privateCopy = null;
        NativeLibrary library;
        if (libraryName.contains("/")) {
            Path file = libraryFile().orElseThrow();
            if (!Files.isRegularFile(file)) {
                throw error(manifest, artifact, text, LIBRARY, "expected the library " + libraryName + " at " + file + ", found no file");
            }
            ElfFile.check(file, file);
            try {
                privateCopy = Files.createTempFile("graft-native-", "-" + file.getFileName());
                Files.copy(file, privateCopy, StandardCopyOption.REPLACE_EXISTING);
                link.verifySignature(file, privateCopy); // the copy that is mapped, not the file a build may rewrite
                library = NativeLibrary.open(privateCopy, source);
            } catch (IOException e) {
                deleteQuietly(privateCopy);
                throw new InvalidArtifactException(id, source, "cannot copy " + file + ": " + e, e);
            } catch (RuntimeException e) {
                deleteQuietly(privateCopy);
                throw e;
            }
        } else {
            library = NativeLibrary.openSystem(libraryName, source);
        }
        try {
            EntryPoints entries = EntryPoints.none(id);
            CallGuard guard = new CallGuard(link.versionLabel());
            List<Provision> provisions = new ArrayList<>();
            Set<String> bound = new HashSet<>();
            for (ContractRef ref : manifest.provides()) {
                ContractType<?> contract = NativePluginLoader.hostContract(ref, id, source, link);
                List<Method> methods = ContractLink.methods(contract, id, source);
                ContractLink.expected(contract, methods, id, source); // refuses types no native plugin can carry
                List<MethodHandle> handles = new ArrayList<>();
                for (Method m : methods) {
                    String key = FUNCTION + m.getName();
                    String line = manifest.attributes().get(key);
                    if (line == null) {
                        throw new PluginLinkException(id, source, "contract " + ref + ": expected a line '" + key + " = "
                                + PlainCall.expectedShape(m, m.getName()) + "' binding " + m + ", found none");
                    }
                    PlainCall.Prototype prototype = PlainCall.Prototype.parse(line);
                    MemorySegment address = library.find(prototype.symbol()).map(guard::bind)
                            .orElseThrow(() -> new PluginLinkException(id, source, "contract " + ref + ": expected symbol "
                                    + prototype.symbol() + " in " + libraryName + " for " + m.getName() + ", found no such symbol"));
                    GuestFunction guest = new GuestFunction(id, ref.toString(), m.getName(), prototype.toString(), null, null, guard);
                    MethodHandle handle = PlainCall.bind(m, prototype, address, guest);
                    if (handle == null) {
                        throw new PluginLinkException(id, source, "contract " + ref + ": expected "
                                + PlainCall.expectedShape(m, prototype.symbol()) + " for " + m.getName() + ", found " + prototype);
                    }
                    handles.add(handle);
                    bound.add(key);
                }
                provisions.add(new Provision(contract, ContractImplementation.create(contract.type(), methods, handles,
                        "native " + link.versionLabel() + " " + ref + " (" + libraryName + ")")));
            }
            List<PatchBody> patches = new ArrayList<>();
            for (String function : manifest.patches()) {
                patches.add(patch(function, library, libraryName, guard, link));
            }
            for (String key : manifest.attributes().keySet()) {
                if (key.startsWith(FUNCTION) && !bound.contains(key)) {
                    throw new PluginLinkException(id, source, "expected '" + key + "' to name a method of " + manifest.provides()
                            + ", found no such method");
                }
            }
            return new NativePlugin(link.versionLabel(), library, entries, provisions, patches, guard, MemorySegment.NULL,
                    privateCopy, null);
        } catch (RuntimeException | Error e) {
            library.close();
            deleteQuietly(privateCopy);
            throw e;
        }
    }

    /**
     * The body of a patchable function: the symbol its line names, bound as {@link PatchLink} binds
     * a descriptor's patch, with a plain C call instead of graft.h's convention.
     */
    private PatchBody patch(String function, NativeLibrary library, String libraryName, CallGuard guard, LinkContext link) {
        PatchLink patch = PatchLink.of(function, link, manifest.id(), artifact.source());
        PlainCall.Prototype prototype = PlainCall.Prototype.parse(manifest.attributes().get(PATCH + function));
        MemorySegment address = library.find(prototype.symbol()).map(guard::bind)
                .orElseThrow(() -> patch.error("expected symbol " + prototype.symbol() + " in " + libraryName + ", found no such symbol"));
        GuestFunction guest = new GuestFunction(manifest.id(), null, function, prototype.toString(), null, null, guard);
        MethodHandle handle = PlainCall.bind(patch.method(), prototype, address, guest);
        if (handle == null) {
            throw patch.mismatch("fn " + PlainCall.expectedShape(patch.method(), function), "fn " + prototype);
        }
        return patch.body(handle, link.versionLabel(), libraryName);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the system's temp cleaner takes it
            }
        }
    }

    private static ManifestException error(PluginManifest manifest, Artifact artifact, String text, String key, String message) {
        return new ManifestException(manifest.id(), artifact.source(), artifact.name(), ManifestParser.lineOf(text, key), message);
    }

    @Override
    public String toString() {
        return "Sidecar[" + artifact.name() + "]";
    }
}
