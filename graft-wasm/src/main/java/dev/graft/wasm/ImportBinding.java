package dev.graft.wasm;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import dev.graft.core.PluginLinkException;
import dev.graft.core.spi.LinkedHostModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Links a module's imports, at load time, before any guest code runs: the sandbox's rule. A wasm
 * guest reaches the host only through functions of the host modules its plugin version imports,
 * which the core already checked (declared in the manifest, registered, granted to the plugin, a
 * version that satisfies the import) and made for this version; and through {@link GraftHost}'s
 * functions, which reach nothing of the host; and, for a plugin that declares state, through
 * {@link GraftState}'s, which reach its state and nothing else. Anything else fails the load or
 * reload, naming every problem at once.
 *
 * <p>The rule for names: the import's module is the host module's name ({@code graft.log}), its
 * field the method's name ({@code info}), its wasm type the method's lowering
 * ({@link HostSignature}). A wasm import names one function, so a host module whose interface
 * overloads a name cannot be imported by wasm plugins at all (as for native plugins).
 *
 * <p>Each guest instance gets its own import functions ({@link #valuesFor}), bound to the
 * instance's {@link HostCalls} and to the implementations the core made for this version.
 */
final class ImportBinding {

    /** One import of the module, in import order: its names, its type, and how to make its handle for an instance. */
    private record Linked(String module, String name, FunctionType type, Function<HostCalls, WasmFunctionHandle> handle) {
    }

    private final List<Linked> imports;
    private final boolean usesMemory;
    private final boolean usesAllocator;
    private final boolean carriesLongs;

    private ImportBinding(List<Linked> imports, boolean usesMemory, boolean usesAllocator, boolean carriesLongs) {
        this.imports = List.copyOf(imports);
        this.usesMemory = usesMemory;
        this.usesAllocator = usesAllocator;
        this.carriesLongs = carriesLongs;
    }

    /**
     * Binds every import of the module.
     *
     * @param modules the host modules the version imports, checked and made by the core
     * @param state   the version's state, or null when its manifest declares none
     * @throws PluginLinkException naming plugin, and for each import that cannot be bound, module,
     *                             function and why (a Mun-style signature when the types differ)
     */
    static ImportBinding link(WasmModule module, List<LinkedHostModule> modules, GuestState state, String pluginId, String label,
                              Path source) {
        Map<String, LinkedHostModule> byName = new LinkedHashMap<>();
        for (LinkedHostModule m : modules) {
            byName.put(m.module().name(), m);
        }
        List<String> problems = new ArrayList<>();
        for (String own : List.of(GraftHost.MODULE, GraftState.MODULE)) {
            if (byName.containsKey(own)) {
                problems.add("host module " + byName.get(own).module() + ": expected another name, found "
                        + own + ", the name of one of the wasm loader's own import modules");
            }
        }
        Map<String, Map<String, Method>> methods = new LinkedHashMap<>(); // by module name, then function name
        List<Linked> linked = new ArrayList<>();
        boolean usesMemory = false;
        boolean usesAllocator = false;
        boolean carriesLongs = false;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String where = "import " + imp.module() + "." + imp.name();
            if (!(imp instanceof FunctionImport function)) {
                problems.add(where + ": expected a function of a host module, found a "
                        + imp.importType().name().toLowerCase(Locale.ROOT) + " import (a wasm plugin imports functions only)");
                continue;
            }
            FunctionType found = module.typeSection().getType(function.typeIndex());
            if (imp.module().equals(GraftHost.MODULE)) {
                FunctionType wanted = GraftHost.FUNCTIONS.get(imp.name());
                if (wanted == null) {
                    problems.add(where + ": expected a function of " + GraftHost.MODULE + " (" + GraftHost.describe()
                            + "), found none named " + imp.name());
                } else if (!wanted.equals(found)) {
                    problems.add(where + ": expected " + GuestSignature.wat(wanted) + ", found " + GuestSignature.wat(found));
                } else {
                    usesMemory |= imp.name().equals(GraftHost.ERROR_MESSAGE);
                    String name = imp.name();
                    linked.add(new Linked(imp.module(), name, found, calls -> GraftHost.handle(name, calls)));
                }
                continue;
            }
            if (imp.module().equals(GraftState.MODULE)) {
                GraftState.Function wanted = GraftState.FUNCTIONS.get(imp.name());
                if (state == null) {
                    problems.add(where + ": expected a state declaration in the manifest ('state = name: type; ...' and "
                            + "'state-size = N') in a plugin importing " + GraftState.MODULE + ", found none");
                } else if (wanted == null) {
                    problems.add(where + ": expected a function of " + GraftState.MODULE + " (" + GraftState.describe()
                            + "), found none named " + imp.name());
                } else if (!wanted.type().equals(found)) {
                    problems.add(where + ": expected " + wanted.signature() + ", found " + GraftState.found(imp.name(), found)
                            + " (wasm: expected " + GuestSignature.wat(wanted.type()) + ", found " + GuestSignature.wat(found) + ")");
                } else {
                    usesMemory |= wanted.usesMemory();
                    String name = imp.name();
                    linked.add(new Linked(imp.module(), name, found, calls -> GraftState.handle(name, state, calls)));
                }
                continue;
            }
            LinkedHostModule host = byName.get(imp.module());
            if (host == null) {
                problems.add(where + ": expected a function of a host module the plugin imports ("
                        + (modules.isEmpty() ? "its manifest imports none" : "imports = " + modules.stream()
                        .map(m -> m.module().name() + "@" + m.module().version().toShortString()).collect(Collectors.joining(", ")))
                        + "), found none named " + imp.module() + "; declare it in the manifest's imports, and ask the host to grant it");
                continue;
            }
            String provided = host.module().name() + "@" + host.module().version().toShortString();
            if (!methods.containsKey(imp.module())) {
                methods.put(imp.module(), methodsOf(host, problems));
            }
            Map<String, Method> functions = methods.get(imp.module());
            if (functions == null) {
                continue; // overloaded: reported once for the module
            }
            Method method = functions.get(imp.name());
            if (method == null) {
                problems.add("host module " + provided + ": expected a function of the host's " + provided + " ("
                        + host.module().type().getName() + ": " + describe(functions) + "), found import " + imp.module() + "."
                        + imp.name());
                continue;
            }
            HostSignature wanted;
            try {
                wanted = HostSignature.of(method);
            } catch (IllegalArgumentException e) {
                problems.add("host module " + provided + ": " + imp.name() + " cannot be called by wasm plugins: " + e.getMessage());
                continue;
            }
            if (!wanted.lowered().equals(found)) {
                problems.add("host module " + provided + ": expected " + wanted.expected() + ", found " + wanted.found(found)
                        + " (wasm: expected " + GuestSignature.wat(wanted.lowered()) + ", found " + GuestSignature.wat(found) + ")");
                continue;
            }
            RecordAccess[] records;
            try {
                records = recordsOf(wanted);
            } catch (IllegalArgumentException e) {
                problems.add("host module " + provided + ": " + imp.name() + " cannot be called by wasm plugins: " + e.getMessage());
                continue;
            }
            BoundHostFunction bound = new BoundHostFunction(pluginId, label, provided, method, wanted);
            Constructor<?> generated;
            try {
                generated = HostFunctionGenerator.classFor(bound);
            } catch (RuntimeException | LinkageError e) {
                problems.add("host module " + provided + ": " + imp.name() + " cannot be bound: generating its host function failed: " + e);
                continue;
            }
            usesMemory |= wanted.usesMemory();
            usesAllocator |= wanted.usesAllocator();
            carriesLongs |= wanted.carriesLongs();
            Object implementation = host.implementation();
            linked.add(new Linked(imp.module(), imp.name(), found,
                    calls -> HostFunctionGenerator.create(generated, bound, implementation, calls, records)));
        }
        if (!problems.isEmpty()) {
            throw new PluginLinkException(pluginId, source, String.join("; ", problems));
        }
        return new ImportBinding(linked, usesMemory, usesAllocator, carriesLongs);
    }

    /** Whether some import reads or writes guest memory, so the module needs one. */
    boolean usesMemory() {
        return usesMemory;
    }

    /** Whether some import returns str or bytes, so the module must export graft_alloc and graft_free. */
    boolean usesAllocator() {
        return usesAllocator;
    }

    /**
     * Whether a 64-bit integer crosses some import, which is how handles cross: then the guest may
     * hold owned handles during a call, and the version's retirement (which releases them) must wait
     * for calls in flight ({@link WasmPlugin#drainBeforeStop}).
     */
    boolean carriesLongs() {
        return carriesLongs;
    }

    boolean isEmpty() {
        return imports.isEmpty();
    }

    /**
     * Whether some import is a host module's function: host code that may block, which only
     * {@link Thread#interrupt} wakes (graft.host's and graft.state's functions never block).
     */
    boolean callsHostModules() {
        return imports.stream().anyMatch(l -> !l.module().equals(GraftHost.MODULE) && !l.module().equals(GraftState.MODULE));
    }

    /** The import functions of one new instance, in the module's import order. */
    ImportValues valuesFor(HostCalls calls) {
        ImportFunction[] functions = new ImportFunction[imports.size()];
        for (int i = 0; i < functions.length; i++) {
            Linked l = imports.get(i);
            functions[i] = new ImportFunction(l.module(), l.name(), l.type(), l.handle().apply(calls));
        }
        return ImportValues.builder().addFunction(functions).build();
    }

    /**
     * The functions of a host module interface by name, sorted, for wasm: its public instance
     * methods, abstract or default.
     *
     * @throws IllegalArgumentException if a name is overloaded: a wasm import names one function
     */
    static Map<String, Method> functionsOf(Class<?> type) {
        Map<String, Method> byName = new TreeMap<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || ContractBinding.isObjectMethod(m)) {
                continue;
            }
            Method twin = byName.put(m.getName(), m);
            if (twin != null && !ContractBinding.descriptor(twin).equals(ContractBinding.descriptor(m))) {
                throw new IllegalArgumentException("expected one method per name (a wasm import names one function), found "
                        + ContractBinding.javaSignature(twin) + " and " + ContractBinding.javaSignature(m));
            }
        }
        return byName;
    }

    /** {@link #functionsOf}, or null with the problem reported. */
    private static Map<String, Method> methodsOf(LinkedHostModule host, List<String> problems) {
        try {
            return functionsOf(host.module().type());
        } catch (IllegalArgumentException e) {
            problems.add("host module " + host.module() + ": " + e.getMessage());
            return null;
        }
    }

    private static RecordAccess[] recordsOf(HostSignature signature) {
        List<GuestType> params = signature.method().params();
        RecordAccess[] records = new RecordAccess[params.size() + 1];
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).abi() == AbiType.RECORD) {
                records[i] = RecordAccess.of(params.get(i).layout());
            }
        }
        GuestType result = signature.method().result();
        if (result.abi() == AbiType.RECORD) {
            records[params.size()] = RecordAccess.of(result.layout());
        }
        return records;
    }

    private static String describe(Map<String, Method> functions) {
        return functions.values().stream().map(m -> {
            try {
                return HostSignature.of(m).expected();
            } catch (IllegalArgumentException e) {
                return ContractBinding.javaSignature(m) + " (no wasm mapping)";
            }
        }).collect(Collectors.joining(", "));
    }
}
