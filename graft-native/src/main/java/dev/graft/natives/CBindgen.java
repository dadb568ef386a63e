package dev.graft.natives;

import dev.graft.api.HostModule;
import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractType;
import dev.graft.core.bindgen.ParameterNames;
import dev.graft.core.host.HostModuleType;
import dev.graft.core.state.CNames;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes the C header of a contract for native plugins, so that guest authors never write a
 * signature by hand: one prototype per method (graft.h's calling convention), a struct per record,
 * and {@code PREFIX_CONTRACT}, the descriptor entry listing the functions with the signatures the
 * host checks at link time. The C compiler then holds the plugin's definitions to the prototypes,
 * and the prototypes match the signatures because both are written here.
 *
 * <p>Given a host module interface ({@code @HostModule}) instead, it writes the module's table
 * struct, its import entry and its accessor: see {@link HostModuleHeader}.
 *
 * <p>Names: the prefix is the contract's name with dots as underscores, in lower case
 * ({@code example.greeter} gives {@code example_greeter}); a function is {@code prefix_method}
 * ({@link CNames#function}, as in wasm headers), so a method named {@code log} or {@code abs} never
 * clashes with the C library; a record is {@code prefix_record}, or {@code prefix_record_t} where a
 * function of the header has that name ({@link CNames#struct}). The descriptor's signatures keep
 * the method's name ({@code fn greet(str) -> str}): the host binds by them, not by C names.
 */
public final class CBindgen {

    private CBindgen() {
    }

    /**
     * The header for a contract interface, or for a host module interface.
     *
     * @throws IllegalArgumentException if the interface is not a contract a native plugin can
     *                                  serve, nor a host module
     */
    public static String header(Class<?> type) {
        return header(type, warning -> { });
    }

    /**
     * The header for a contract interface, or for a host module interface, telling {@code warnings}
     * once if the interface was compiled without {@code -parameters} (the header then names
     * parameters {@code arg0, arg1} and says so in a comment at its top).
     *
     * @throws IllegalArgumentException if the interface is not a contract a native plugin can
     *                                  serve, nor a host module
     */
    public static String header(Class<?> type, Consumer<String> warnings) {
        return type.isAnnotationPresent(HostModule.class)
                ? HostModuleHeader.header(HostModuleType.of(type), warnings)
                : contractHeader(type, warnings);
    }

    private static String contractHeader(Class<?> contractInterface, Consumer<String> warnings) {
        ContractType<?> contract = ContractType.of(contractInterface);
        List<Method> methods;
        List<Signature> signatures;
        try {
            methods = ContractLink.methods(contract, null, null);
            signatures = ContractLink.expected(contract, methods, null, null);
        } catch (ContractMismatchException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String prefix = prefix(contract);
        String macro = prefix.toUpperCase(Locale.ROOT);
        String guard = macro + "_H";

        StringBuilder h = new StringBuilder(ParameterNames.check(contractInterface, methods, warnings));
        h.append("/*\n")
                .append(" * ").append(prefix).append(".h: contract ").append(contract.ref()).append(" for Graft native plugins.\n")
                .append(" * Written by graft bindgen from ").append(contractInterface.getName()).append(": do not edit.\n")
                .append(" *\n")
                .append(" * Implement every function below in the plugin, then name the contract in its descriptor:\n")
                .append(" *     GRAFT_PLUGIN(\"my-plugin\", \"1.0.0\", NULL, NULL, ").append(macro).append("_CONTRACT);\n")
                .append(" * A function that returns quickly, never blocks and never calls back into the host may be\n")
                .append(" * marked critical: #define ").append(macro).append("_<METHOD>_FLAGS GRAFT_FN_CRITICAL before the include.\n")
                .append(" */\n")
                .append("#ifndef ").append(guard).append('\n')
                .append("#define ").append(guard).append("\n\n")
                .append("#include \"graft.h\"\n\n")
                .append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");

        Set<String> functions = methods.stream().map(m -> CNames.function(contract.name(), m.getName()))
                .collect(Collectors.toSet());
        Map<Class<?>, String> structs = structs(methods, prefix, functions);
        appendStructs(h, structs);

        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            Signature sig = signatures.get(i);
            h.append("/* ").append(javaSignature(m)).append(": ").append(sig).append(", ").append(howToReturn(sig)).append(" */\n")
                    .append("graft_result ").append(CNames.function(contract.name(), m.getName())).append('(')
                    .append(parameters(m, sig, structs)).append(");\n");
            String flags = macro + "_" + m.getName().toUpperCase(Locale.ROOT) + "_FLAGS";
            h.append("#ifndef ").append(flags).append("\n#define ").append(flags).append(" 0\n#endif\n\n");
        }

        h.append("/* The descriptor entry of contract ").append(contract.ref()).append(", for GRAFT_PLUGIN. */\n")
                .append("#define ").append(macro).append("_CONTRACT \\\n")
                .append("    {\"").append(contract.name()).append("\", \"").append(contract.version().toShortString())
                .append("\", \\\n")
                .append("     (const graft_function[]) { \\\n");
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            h.append("         {\"").append(signatures.get(i)).append("\", (const void *) ")
                    .append(CNames.function(contract.name(), m.getName())).append(", ").append(macro).append('_').append(m.getName().toUpperCase(Locale.ROOT))
                    .append("_FLAGS}").append(i + 1 < methods.size() ? "," : "").append(" \\\n");
        }
        h.append("     }, \\\n")
                .append("     ").append(methods.size()).append("}\n\n")
                .append("#ifdef __cplusplus\n}\n#endif\n\n")
                .append("#endif /* ").append(guard).append(" */\n");
        return h.toString();
    }

    /**
     * The header of a native plugin's state block, from the Java record that declares it: the
     * struct, its declaration text and size for the descriptor, and static asserts that hold the C
     * compiler's layout to the host's (see {@link StateHeader}).
     *
     * @throws IllegalArgumentException if the record has a component a state block cannot hold
     *                                  (the message names it), such as a String without {@code @Fixed}
     */
    public static String stateHeader(Class<? extends Record> record) {
        return StateHeader.header(record);
    }

    /** Writes {@code prefix.h} (of the contract or host module) into a folder and returns it. */
    public static Path write(Class<?> type, Path directory) throws IOException {
        String name = type.isAnnotationPresent(HostModule.class) ? HostModuleType.of(type).name() : ContractType.of(type).name();
        Path file = directory.resolve(CNames.prefix(name) + ".h");
        Files.createDirectories(directory);
        return Files.writeString(file, header(type));
    }

    /** {@code example.greeter} gives {@code example_greeter}. */
    static String prefix(ContractType<?> contract) {
        return CNames.prefix(contract.name());
    }

    /** The C parameters of a function with graft.h's convention, {@code void} for none. */
    static String parameters(Method m, Signature sig, Map<Class<?>, String> structs) {
        List<String> out = new ArrayList<>();
        Parameter[] params = m.getParameters();
        for (int i = 0; i < params.length; i++) {
            String name = params[i].isNamePresent() ? params[i].getName() : "arg" + i;
            switch (sig.params().get(i)) {
                case NativeType.Scalar s -> out.add(s.cType() + " " + name);
                case NativeType.Bytes b -> {
                    out.add((b == NativeType.Bytes.STR ? "const char *" : "const uint8_t *") + name);
                    out.add("size_t " + name + "_len");
                }
                case NativeType.Struct s -> out.add(structs.get(params[i].getType()) + " " + name);
            }
        }
        if (!NativeType.returnedInRegister(sig.result())) {
            out.add(switch (sig.result()) {
                case NativeType.Scalar s -> s.cType() + " *result";
                case NativeType.Bytes b -> "graft_out_bytes *result";
                case NativeType.Struct s -> structs.get(m.getReturnType()) + " *result";
            });
        }
        return out.isEmpty() ? "void" : String.join(", ", out);
    }

    static String howToReturn(Signature sig) {
        if (sig.result() == null) {
            return "return graft_ok()";
        }
        return switch (sig.result()) {
            case NativeType.Scalar s when s == NativeType.Scalar.I32 -> "return graft_ok_i32(value)";
            case NativeType.Scalar s when s == NativeType.Scalar.F32 -> "return graft_ok_f32(value)";
            case NativeType.Scalar s when s == NativeType.Scalar.BOOL -> "return graft_ok_bool(value)";
            case NativeType.Bytes b -> "set *result with graft_return_bytes, graft_return_format or graft_return_static";
            default -> "set *result, return graft_ok()";
        };
    }

    /**
     * The struct of each record a method takes or returns, in the order met: {@code prefix_record}, or
     * {@code prefix_record_t} where one of the header's {@code functions} is named so
     * ({@link CNames#struct}: a method {@code quote} returning a record {@code Quote}).
     *
     * @throws IllegalArgumentException if two records of the same simple name would share a struct
     */
    static Map<Class<?>, String> structs(List<Method> methods, String prefix, Set<String> functions) {
        Map<Class<?>, String> structs = new LinkedHashMap<>();
        for (Method m : methods) {
            List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
            types.add(m.getReturnType());
            for (Class<?> type : types) {
                if (type.isRecord() && !structs.containsKey(type)) {
                    String struct = CNames.struct(prefix + "_" + CNames.snake(type.getSimpleName()), functions);
                    for (Map.Entry<Class<?>, String> other : structs.entrySet()) {
                        if (other.getValue().equals(struct)) {
                            throw new IllegalArgumentException("expected records of distinct simple names in " + prefix
                                    + ".h, found " + other.getKey().getName() + " and " + type.getName() + ", both struct " + struct);
                        }
                    }
                    structs.put(type, struct);
                }
            }
        }
        return structs;
    }

    /** The typedefs of {@link #structs}. */
    static void appendStructs(StringBuilder h, Map<Class<?>, String> structs) {
        for (Map.Entry<Class<?>, String> s : structs.entrySet()) {
            h.append("/* record ").append(s.getKey().getSimpleName()).append(" */\n")
                    .append("typedef struct ").append(s.getValue()).append(" {\n");
            for (RecordComponent c : s.getKey().getRecordComponents()) {
                h.append("    ").append(((NativeType.Scalar) NativeType.of(c.getType())).cType()).append(' ')
                        .append(c.getName()).append(";\n");
            }
            h.append("} ").append(s.getValue()).append(";\n\n");
        }
    }

    static String javaSignature(Method m) {
        return m.getReturnType().getSimpleName() + " " + m.getName() + "("
                + java.util.Arrays.stream(m.getParameters())
                .map(p -> p.getType().getSimpleName() + (p.isNamePresent() ? " " + p.getName() : ""))
                .collect(Collectors.joining(", ")) + ")";
    }
}
