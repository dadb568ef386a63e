package dev.graft.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractType;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Links a contract to a module's exports, at load time, before any guest code runs: every abstract
 * method of the contract needs an exported function of the same name whose wasm type is the
 * method's lowering ({@link GuestSignature}); a default method is bound when the guest exports it,
 * and otherwise keeps its Java body. Every mismatch is reported at once, Mun-style.
 *
 * @param contract  the host's contract type
 * @param functions the bound methods, in the order of {@link #methodsOf}
 */
record ContractBinding(ContractType<?> contract, List<BoundFunction> functions) {

    /**
     * Binds a contract's methods to the module's exports.
     *
     * @param firstIndex the index the first bound function takes in the instance's export table
     * @throws ContractMismatchException naming every method that has no matching export
     */
    static ContractBinding link(ContractType<?> contract, WasmModule module, int firstIndex, String pluginId, Path source) {
        Map<String, Export> exports = new LinkedHashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            exports.put(e.name(), e);
        }
        List<String> problems = new ArrayList<>();
        List<BoundFunction> bound = new ArrayList<>();
        Map<String, Method> byName = new LinkedHashMap<>();
        for (Method m : methodsOf(contract.type())) {
            Method twin = byName.put(m.getName(), m);
            if (twin != null) {
                problems.add("expected one method per name (wasm exports are named), found " + javaSignature(twin)
                        + " and " + javaSignature(m));
                continue;
            }
            GuestSignature wanted;
            try {
                wanted = signatureOf(m);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            Export export = exports.get(m.getName());
            if (export == null) {
                if (!m.isDefault()) {
                    problems.add("expected " + wanted.expected() + ", found no export named " + m.getName());
                }
                continue;
            }
            if (export.exportType() != ExternalType.FUNCTION) {
                problems.add("expected " + wanted.expected() + ", found a " + export.exportType().name().toLowerCase(Locale.ROOT)
                        + " named " + m.getName());
                continue;
            }
            FunctionType found = FunctionTypes.of(module, export.index());
            if (!wanted.matches(found)) {
                problems.add("expected " + wanted.expected() + ", found " + wanted.found(found) + " (wasm: expected "
                        + GuestSignature.wat(wanted.lowered()) + ", found " + GuestSignature.wat(found) + ")");
                continue;
            }
            bound.add(new BoundFunction(m, wanted, firstIndex + bound.size()));
        }
        if (!problems.isEmpty()) {
            throw new ContractMismatchException(pluginId, source, "contract " + contract + ": " + String.join("; ", problems)
                    + (problems.stream().anyMatch(p -> p.contains("no export named"))
                    ? " (the module exports " + describe(exports) + ")" : ""));
        }
        return new ContractBinding(contract, List.copyOf(bound));
    }

    /** Whether any bound function passes strings or bytes, so the module needs memory and the allocator. */
    boolean usesMemory() {
        return functions.stream().anyMatch(f -> f.signature().result().inMemory()
                || f.signature().params().stream().anyMatch(GuestType::inMemory));
    }

    /**
     * The contract methods a provider implements: abstract and default, inherited too, once each,
     * in a stable order (by name, then descriptor) so that bindings and generated classes agree.
     */
    static List<Method> methodsOf(Class<?> contract) {
        Map<String, Method> byDescriptor = new LinkedHashMap<>();
        for (Method m : contract.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m)) {
                continue;
            }
            byDescriptor.putIfAbsent(m.getName() + descriptor(m), m);
        }
        return byDescriptor.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
    }

    static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /**
     * What the convention asks of the guest function for a method.
     *
     * @throws IllegalArgumentException naming the method and the type without a mapping
     */
    static GuestSignature signatureOf(Method m) {
        List<GuestType> params = new ArrayList<>();
        for (java.lang.reflect.Parameter p : m.getParameters()) {
            params.add(typeOf(m, p.getType(), "parameter " + p.getName()));
        }
        GuestType result = typeOf(m, m.getReturnType(), "result");
        return new GuestSignature(m.getName(), List.copyOf(params), result);
    }

    private static GuestType typeOf(Method m, Class<?> type, String role) {
        if (type == void.class && !role.equals("result")) {
            throw new IllegalArgumentException("method " + javaSignature(m) + ": " + role + " is void");
        }
        try {
            return GuestType.of(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method " + javaSignature(m) + ", " + role + ": " + e.getMessage(), e);
        }
    }

    static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static String javaSignature(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(Map<String, Export> exports) {
        if (exports.isEmpty()) {
            return "nothing";
        }
        return exports.values().stream().sorted(Comparator.comparing(Export::name))
                .map(e -> e.exportType() == ExternalType.FUNCTION ? e.name() : e.name() + " ("
                        + e.exportType().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
    }
}
