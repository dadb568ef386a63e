package dev.graft.natives;

import dev.graft.core.bindgen.ParameterNames;
import dev.graft.core.host.HostModuleType;
import dev.graft.core.state.CNames;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The C header of a host module for native plugins, written by {@link CBindgen}: the module's
 * table, a struct of one function pointer per method (graft.h's calling convention, seen from the
 * guest that calls); {@code PREFIX_IMPORT}, the descriptor's import entry listing the same
 * functions with their signatures, in the same order; and {@code prefix_from(host)}, which finds
 * the table in what init receives.
 *
 * <p>Order: the methods sorted by name ({@link HostModuleLink#methods}). The host builds the table
 * in the order the import lists, so the struct and the import agree because both are written here,
 * and a header of an older minor version keeps working with a newer host. A method whose types no
 * native plugin can carry is left out, with a comment saying why; JVM plugins still call it.
 *
 * <p>Names: the prefix is the module's name with dots as underscores ({@code graft.log} gives the
 * struct {@code graft_log}, {@code GRAFT_LOG_IMPORT} and {@code graft_log_from}); a member is the
 * method's name, with an underscore after it if it is a C keyword; a record's struct is
 * {@code prefix_record}, or {@code prefix_record_t} for a record named {@code From}, which would be the
 * accessor's name ({@link CNames#struct}). Members need no prefix: a field of
 * the table is reached through it ({@code log_->info(...)}), so it cannot clash with a C library
 * function; every free name is prefixed.
 */
final class HostModuleHeader {

    private HostModuleHeader() {
    }

    /**
     * The header of a host module; {@code warnings} is told once if its interface has no parameter names.
     *
     * @throws IllegalArgumentException if a method name is overloaded
     */
    static String header(HostModuleType<?> module, Consumer<String> warnings) {
        List<Method> all = HostModuleLink.methods(module.type());
        List<Method> methods = new ArrayList<>();
        List<Signature> signatures = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Method m : all) {
            try {
                signatures.add(Signature.of(m));
                methods.add(m);
            } catch (IllegalArgumentException e) {
                left.add(CBindgen.javaSignature(m) + ": " + e.getMessage());
            }
        }
        String prefix = CNames.prefix(module.name());
        String macro = prefix.toUpperCase(Locale.ROOT);
        String guard = macro + "_H";
        String ref = module.name() + "@" + module.version().toShortString();

        StringBuilder h = new StringBuilder(ParameterNames.check(module.type(), methods, warnings));
        h.append("/*\n")
                .append(" * ").append(prefix).append(".h: host module ").append(ref).append(" for Graft native plugins.\n")
                .append(" * Written by graft bindgen from ").append(module.type().getName()).append(": do not edit.\n")
                .append(" *\n")
                .append(" * Import it in the descriptor, then take its table from what init receives:\n")
                .append(" *     static const ").append(prefix).append(" *").append(prefix).append("_;\n")
                .append(" *     static graft_result init(const graft_host *host) {\n")
                .append(" *         ").append(prefix).append("_ = ").append(prefix).append("_from(host);\n")
                .append(" *         return graft_ok();\n")
                .append(" *     }\n")
                .append(" *     GRAFT_PLUGIN_IMPORTS(\"my-plugin\", \"1.0.0\", init, NULL, (").append(macro)
                .append("_IMPORT), MY_CONTRACT);\n")
                .append(" * The table is valid until the plugin version is unloaded, on any thread. Each function\n")
                .append(" * returns a graft_result: status 0, or GRAFT_HOST_FAILED, GRAFT_BAD_HANDLE or GRAFT_BAD_ARGUMENT\n")
                .append(" * with the message host->error_message(). A string or bytes result is the plugin's to free\n")
                .append(" * with graft_out_free. Never call the host from a GRAFT_FN_CRITICAL function.\n")
                .append(" */\n")
                .append("#ifndef ").append(guard).append('\n')
                .append("#define ").append(guard).append("\n\n")
                .append("#include \"graft.h\"\n\n")
                .append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");

        Map<Class<?>, String> structs = CBindgen.structs(methods, prefix, Set.of(prefix + "_from"));
        CBindgen.appendStructs(h, structs);

        h.append("/* The table of host module ").append(ref).append(": one function per method, by name. */\n")
                .append("typedef struct ").append(prefix).append(" {\n");
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            Signature sig = signatures.get(i);
            h.append("    /* ").append(CBindgen.javaSignature(m)).append(": ").append(sig).append(", ")
                    .append(howToRead(sig)).append(" */\n")
                    .append("    graft_result (*").append(CNames.member(m.getName())).append(")(")
                    .append(CBindgen.parameters(m, sig, structs)).append(");\n");
        }
        for (String why : left) {
            h.append("    /* not for native plugins: ").append(why).append(" */\n");
        }
        h.append("} ").append(prefix).append(";\n\n");

        h.append("/* The import entry of host module ").append(ref).append(", for GRAFT_PLUGIN_IMPORTS: the table's functions, in order. */\n")
                .append("#define ").append(macro).append("_IMPORT \\\n")
                .append("    {\"").append(module.name()).append("\", \"").append(module.version().toShortString()).append("\", \\\n")
                .append("     (const char *const[]) { \\\n");
        for (int i = 0; i < signatures.size(); i++) {
            h.append("         \"").append(signatures.get(i)).append('"').append(i + 1 < signatures.size() ? "," : "").append(" \\\n");
        }
        h.append("     }, \\\n")
                .append("     ").append(signatures.size()).append("}\n\n");

        h.append("/* The table of ").append(module.name()).append(" in what init receives; NULL if the plugin does not import it. */\n")
                .append("static inline const ").append(prefix).append(" *").append(prefix).append("_from(const graft_host *host) {\n")
                .append("    return (const ").append(prefix).append(" *) graft_host_find(host, \"").append(module.name()).append("\");\n")
                .append("}\n\n")
                .append("#ifdef __cplusplus\n}\n#endif\n\n")
                .append("#endif /* ").append(guard).append(" */\n");
        return h.toString();
    }

    private static String howToRead(Signature sig) {
        if (sig.result() == null) {
            return "no result";
        }
        return switch (sig.result()) {
            case NativeType.Scalar s when s == NativeType.Scalar.I32 -> "read graft_value_i32(r)";
            case NativeType.Scalar s when s == NativeType.Scalar.F32 -> "read graft_value_f32(r)";
            case NativeType.Scalar s when s == NativeType.Scalar.BOOL -> "read graft_value_bool(r)";
            case NativeType.Bytes b -> "read *result, then graft_out_free(result)";
            default -> "read *result";
        };
    }
}
