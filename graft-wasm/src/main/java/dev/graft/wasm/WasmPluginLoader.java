package dev.graft.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginStartException;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import dev.graft.core.state.BlockState;
import dev.graft.core.state.StateLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads WebAssembly plugins: one {@code .wasm} module that carries its manifest in a custom section
 * ({@link ManifestSection}), run by Chicory, compiled to JVM bytecode by default.
 *
 * <p>Preparing a version: decode and validate the module; link its imports to the host modules the
 * version imports (the sandbox: nothing else links, see {@link ImportBinding}); fit its memory under
 * the plugin's ceiling; link every contract method against the exports (Mun-style messages); check
 * the memory convention's allocator; compile; make and initialise the first instance, under the
 * call deadline (for a version that declares state, in its start, once the core handed the state
 * over). Only then does the core publish it. See docs/wasm-plugins.md.
 *
 * <p>Found by {@link java.util.ServiceLoader} with {@link WasmSettings#defaults()}; give the builder
 * {@code new WasmPluginLoader(settings)} for other limits.
 */
public final class WasmPluginLoader implements PluginLoader {

    private final WasmSettings settings;
    private final Consumer<? super WasmPlugin> observer;
    private final CompileCache compiled = new CompileCache();

    /** The default limits: see {@link WasmSettings#defaults()}. */
    public WasmPluginLoader() {
        this(WasmSettings.defaults());
    }

    public WasmPluginLoader(WasmSettings settings) {
        this(settings, plugin -> { });
    }

    /** For tests: {@code observer} sees every version this loader prepares. */
    WasmPluginLoader(WasmSettings settings, Consumer<? super WasmPlugin> observer) {
        this.settings = settings;
        this.observer = observer;
    }

    @Override
    public String kind() {
        return "wasm";
    }

    @Override
    public boolean accepts(Artifact artifact) {
        if (artifact.name().endsWith(".wasm")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(artifact.copy())) {
            return ManifestSection.hasMagic(in.readNBytes(4));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public PluginManifest readManifest(Artifact artifact) {
        byte[] bytes = read(artifact);
        String text = ManifestSection.read(bytes, artifact.source());
        PluginManifest manifest = ManifestParser.parse(text, artifact.source(), PluginLimits.where(), PluginLimits.KEYS);
        PluginLimits.of(settings, manifest, text, artifact.source()); // refuse bad limits and state before anything is loaded
        StateDeclaration.read(manifest, text, artifact.source());
        return manifest;
    }

    @Override
    public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
        Path source = artifact.source();
        String id = manifest.id();
        Checked checked = check(artifact, manifest, link::contract, link::patchable);
        PluginLimits limits = checked.limits();
        WasmModule module = checked.module();
        MemoryLimits memory = checked.memory();
        List<ContractBinding> bindings = new ArrayList<>(checked.bindings());
        // the block itself comes with the hand-over (BlockState.install or share), after prepare
        GuestState state = checked.layout() == null ? null : new GuestState(new BlockState(checked.layout()));
        ImportBinding imports = ImportBinding.link(module, link.hostModules(), state, id, link.versionLabel(), source);
        List<ContractBinding> patchBindings = checked.patches();
        bindings.addAll(patchBindings);
        boolean usesMemory = bindings.stream().anyMatch(ContractBinding::usesMemory);
        if (usesMemory) {
            checkMemoryConvention(module, memory, "the contract passes str or bytes", true, id, source);
        } else if (imports.usesAllocator()) {
            checkMemoryConvention(module, memory, "a host function it imports returns str or bytes", true, id, source);
        } else if (imports.usesMemory()) {
            checkMemoryConvention(module, memory, "a host function it imports passes str, bytes, records or results", false, id, source);
        }
        List<BoundFunction> functions = bindings.stream().flatMap(b -> b.functions().stream()).toList();

        GuestModule guest;
        try {
            guest = new GuestModule(module, settings.mode(), compiled, memory, functions, usesMemory, imports);
        } catch (ChicoryException | LinkageError e) {
            throw new PluginLinkException(id, source, "compiling the module to JVM bytecode failed: " + e, e);
        }
        InstancePool pool = new InstancePool(guest, settings.maxInstances(), id, link.versionLabel(),
                functions.stream().map(BoundFunction::export).toArray(String[]::new), limits.callTimeout());
        if (state == null) {
            warmUp(pool, id, source);
        } // else in start: the first instance's initialisation is guest code, and no guest code runs before the state is there
        
        List<Provision> provisions = new ArrayList<>();
        List<PatchBody> patches = new ArrayList<>();
        for (ContractBinding binding : bindings) {
            if (patchBindings.contains(binding)) {
                patches.add(new PatchBody(binding.contract().name(), ProviderGenerator.create(binding, pool,
                        "wasm patch " + binding.contract().name() + " from " + link.versionLabel())));
            } else {
                provisions.add(new Provision(binding.contract(), ProviderGenerator.create(binding, pool,
                        "wasm provider of " + binding.contract() + " from " + link.versionLabel())));
            }
        }
        WasmPlugin plugin = new WasmPlugin(link.versionLabel(), pool, provisions, patches, imports.carriesLongs(), state);
        observer.accept(plugin);
        return plugin;
    }

    /**
     * The checks of {@link #prepare} that run no guest code: limits and state from the manifest,
     * the module decoded and validated, its memory under the ceiling, every provided contract
     * linked against its exports, the memory convention; each contract's functions as they link
     * ({@code fn greet(str) -> str}). Imports are checked by the core.
     */
    @Override
    public ArtifactDescription describe(Artifact artifact, PluginManifest manifest,
                                        Function<ContractRef, Optional<ContractType<?>>> contracts,
                                        Function<String, Optional<PatchableType>> patchables) {
        Checked checked = check(artifact, manifest, contracts, patchables);
        Map<String, List<String>> functions = new LinkedHashMap<>();
        for (int i = 0; i < checked.bindings().size(); i++) {
            functions.put(manifest.provides().get(i).toString(), checked.bindings().get(i).functions().stream()
                    .map(f -> f.signature().expected()).toList());
        }
        if (Stream.concat(checked.bindings().stream(), checked.patches().stream()).anyMatch(ContractBinding::usesMemory)) {
            checkMemoryConvention(checked.module(), checked.memory(), "the contract passes str or bytes", true,
                    manifest.id(), artifact.source());
        }
        PluginLimits limits = checked.limits();
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(PluginLimits.MAX_MEMORY_PAGES, limits.maxMemoryPages() + " (" + limits.maxMemoryPages() * 64 + " KiB)");
        shown.put(PluginLimits.CALL_TIMEOUT_MS, String.valueOf(limits.callTimeout().toMillis()));
        return new ArtifactDescription(functions, shown, manifest.attributes().get(StateDeclaration.STATE));
    }

    // ------------------------------------------------------------ link steps

    /** What the checks before linking imports found: describe's whole work, and the start of prepare's. */
    private record Checked(PluginLimits limits, StateLayout layout, WasmModule module, MemoryLimits memory,
                           List<ContractBinding> bindings, List<ContractBinding> patches) {
    }

    /**
     * Limits, state, the module decoded and validated, its memory under the ceiling, each contract
     * linked, each patch of a function the host declared linked; no guest code runs. (A name the
     * manifest patches that the host did not declare is the core's to refuse: it checks them all
     * before {@code prepare}, and after {@code describe}.)
     */
    private Checked check(Artifact artifact, PluginManifest manifest, Function<ContractRef, Optional<ContractType<?>>> contracts,
                          Function<String, Optional<PatchableType>> patchables) {
        Path source = artifact.source();
        String id = manifest.id();
        byte[] bytes = read(artifact);
        String manifestText = ManifestSection.read(bytes, source);
        PluginLimits limits = PluginLimits.of(settings, manifest, manifestText, source);
        StateLayout layout = StateDeclaration.read(manifest, manifestText, source);
        WasmModule module = decode(bytes, id, source);
        MemoryLimits memory = memoryLimits(module, limits, id, source);
        List<ContractBinding> bindings = new ArrayList<>();
        int next = 0;
        for (ContractRef provided : manifest.provides()) {
            ContractType<?> contract = contracts.apply(provided)
                    .orElseThrow(() -> ContractMismatchException.unknownContract(id, source, provided));
            ContractBinding binding = ContractBinding.link(contract, module, next, id, source);
            next += binding.functions().size();
            bindings.add(binding);
        }
        // the patches' functions follow the contracts' in the instance's function table
        List<ContractBinding> patches = new ArrayList<>();
        for (String function : manifest.patches()) {
            Optional<PatchableType> patchable = patchables.apply(function);
            if (patchable.isPresent()) {
                patches.add(WasmPatch.link(patchable.get(), module, next++, id, source));
            }
        }
        return new Checked(limits, layout, module, memory, bindings, patches);
    }

    /** Makes and initialises the first instance, so that a start function that fails refuses the load. */
    private static void warmUp(InstancePool pool, String id, Path source) {
        try {
            pool.warmUp();
        } catch (WasmCallException | ChicoryException e) {
            pool.close();
            throw new PluginStartException(id, source, "initialising the first instance failed: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Artifact artifact) {
        try {
            return Files.readAllBytes(artifact.copy());
        } catch (IOException e) {
            throw new InvalidArtifactException(null, artifact.source(), "cannot read the module: " + e, e);
        }
    }

    private static WasmModule decode(byte[] bytes, String id, Path source) {
        try {
            return Parser.parse(bytes);
        } catch (InvalidException e) {
            throw new InvalidArtifactException(id, source, "expected a valid WebAssembly module, found one that fails validation: "
                    + e.getMessage(), e);
        } catch (MalformedException e) {
            throw new InvalidArtifactException(id, source, "expected a well-formed WebAssembly module, found a truncated or malformed one: "
                    + e.getMessage(), e);
        } catch (ChicoryException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidArtifactException(id, source, "expected a WebAssembly module Chicory can decode, found: " + e, e);
        }
    }

    /** The module's own memory limits, the maximum lowered to the plugin's ceiling; null without memory. */
    private static MemoryLimits memoryLimits(WasmModule module, PluginLimits limits, String id, Path source) {
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
            return null;
        }
        int count = module.memorySection().get().memoryCount();
        if (count > 1) {
            throw new PluginLinkException(id, source, "expected at most one memory, found " + count);
        }
        MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
        int ceiling = limits.maxMemoryPages();
        if (declared.initialPages() > ceiling) {
            throw new PluginLinkException(id, source, "expected the module's memory to start within the plugin's limit of "
                    + ceiling + " pages (" + ceiling * 64 + " KiB), found it asks for " + declared.initialPages()
                    + " initial pages");
        }
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), ceiling), declared.shared());
    }

    /**
     * Strings and bytes travel through memory, allocated by the guest's own allocator.
     *
     * @param why       what needs it, for the message
     * @param allocator whether the module must export graft_alloc and graft_free too
     */
    private static void checkMemoryConvention(WasmModule module, MemoryLimits memory, String why, boolean allocator, String id,
                                              Path source) {
        if (memory == null) {
            throw new PluginLinkException(id, source, "expected a memory (" + why + " through it), found none");
        }
        if (!allocator) {
            return;
        }
        List<String> problems = new ArrayList<>();
        expectFunction(module, GuestModule.ALLOC, FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                "fn graft_alloc(i32 size) -> i32", problems);
        expectFunction(module, GuestModule.FREE, FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                "fn graft_free(i32 ptr, i32 size)", problems);
        if (!problems.isEmpty()) {
            throw new PluginLinkException(id, source, "the memory convention (" + why + "): " + String.join("; ", problems));
        }
    }

    private static void expectFunction(WasmModule module, String name, FunctionType type, String text, List<String> problems) {
        Export found = null;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(name)) {
                found = module.exportSection().getExport(i);
            }
        }
        if (found == null) {
            problems.add("expected " + text + ", found no export named " + name);
        } else if (found.exportType() != ExternalType.FUNCTION) {
            problems.add("expected " + text + ", found a " + found.exportType().name().toLowerCase(Locale.ROOT) + " named " + name);
        } else {
            FunctionType actual = FunctionTypes.of(module, found.index());
            if (!actual.equals(type)) {
                problems.add("expected " + text + " " + GuestSignature.wat(type) + ", found " + GuestSignature.wat(actual));
            }
        }
    }

    @Override
    public String toString() {
        return "WasmPluginLoader" + settings.toString().substring("WasmSettings".length());
    }
}
