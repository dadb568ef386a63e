package dev.graft.natives;

import dev.graft.core.patch.PatchableType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the C header a native plugin patches a host's patchable function against, for both ways
 * of patching (docs/patchable.md):
 * <ul>
 *   <li>a plugin with a descriptor (graft.h, ABI 4) defines {@code patch_NAME} with graft.h's
 *       calling convention, like a contract function ({@code graft_result patch_discount(double
 *       operand, double *result)}), and names {@code NAME_PATCH}, the descriptor entry with the
 *       signature the host checks at link time, in {@code GRAFT_PLUGIN_PATCHES}. The C name has a
 *       prefix so that a function named {@code floor} never clashes with the C library's; the
 *       signature keeps the function's name, which the host binds by;</li>
 *   <li>a library described by a sidecar exports {@code NAME}, a plain C function ({@link PlainCall}:
 *       it returns its value directly), bound by the sidecar lines the header's comment gives
 *       ({@code patches = discount}, {@code patch.discount = discount(f64) -> f64}). Only for a
 *       function whose types a plain C call carries; otherwise the header says why not.</li>
 * </ul>
 * A plugin defines the one of the two it uses; the other stays a declaration.
 *
 * <pre>{@code
 * String header = NativePatchHeader.header("discount", DoubleUnaryOperator.class);   // "bindgen --lang c --patch discount"
 * }</pre>
 */
public final class NativePatchHeader {

    private NativePatchHeader() {
    }

    /**
     * @throws dev.graft.core.patch.PatchableException if the name is no identifier or the type no functional interface
     * @throws IllegalArgumentException if its method has a type no native plugin can carry
     */
    public static String header(String name, Class<?> type) {
        PatchableType patchable = PatchableType.of(name, type);
        Method m = patchable.method();
        Signature signature = PatchLink.signature(patchable);
        String function = "patch_" + name;
        String macro = name.toUpperCase(Locale.ROOT) + "_PATCH";
        String flags = macro + "_FLAGS";
        String guard = "GRAFT_PATCH_" + name.toUpperCase(Locale.ROOT) + "_H";
        Map<Class<?>, String> structs = CBindgen.structs(List.of(m), name, Set.of(function));
        String plain;
        String sidecar;
        try {
            plain = plainPrototype(name, m);
            sidecar = " * A library that knows nothing of Graft exports " + name + " instead, a plain C function, and its\n"
                    + " * sidecar file binds it with these lines:\n"
                    + " *   patches = " + name + "\n"
                    + " *   patch." + name + " = " + plainNotation(name, m) + "\n";
        } catch (IllegalArgumentException e) {
            plain = null;
            sidecar = " * A library described by a sidecar file cannot patch it: " + e.getMessage() + ".\n";
        }
        StringBuilder h = new StringBuilder("/*\n")
                .append(" * ").append(name).append(".h: ").append(patchable).append(" for Graft native plugins.\n")
                .append(" * Written by graft bindgen: do not edit.\n")
                .append(" *\n")
                .append(" * A plugin with a descriptor defines ").append(function).append(" and names ").append(macro)
                .append(" in it:\n")
                .append(" *     GRAFT_PLUGIN_PATCHES(\"my-plugin\", \"1.0.0\", NULL, NULL, (").append(macro).append("));\n")
                .append(" * A patch that returns quickly, never blocks and never calls back into the host may be marked\n")
                .append(" * critical: #define ").append(flags).append(" GRAFT_FN_CRITICAL before the include.\n")
                .append(" *\n")
                .append(sidecar)
                .append(" */\n")
                .append("#ifndef ").append(guard).append("\n#define ").append(guard).append("\n\n")
                .append("#include \"graft.h\"\n\n")
                .append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
        CBindgen.appendStructs(h, structs);
        h.append("/* ").append(CBindgen.javaSignature(m)).append(": ").append(signature).append(", ")
                .append(CBindgen.howToReturn(signature)).append(" */\n")
                .append("graft_result ").append(function).append('(').append(CBindgen.parameters(m, signature, structs)).append(");\n")
                .append("#ifndef ").append(flags).append("\n#define ").append(flags).append(" 0\n#endif\n\n")
                .append("/* The descriptor entry of the patch, for GRAFT_PLUGIN_PATCHES. */\n")
                .append("#define ").append(macro).append(" {\"").append(name).append("\", \"").append(signature)
                .append("\", (const void *) ").append(function).append(", ").append(flags).append("}\n\n");
        if (plain != null) {
            h.append("/* The sidecar way: the library exports this function. */\n")
                    .append("GRAFT_EXPORT ").append(plain).append(";\n\n");
        }
        return h.append("#ifdef __cplusplus\n}\n#endif\n\n")
                .append("#endif /* ").append(guard).append(" */\n").toString();
    }

    /** {@code double discount(double operand)}: the plain C prototype a sidecar binds. */
    private static String plainPrototype(String name, Method m) {
        List<String> c = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            Class<?> t = p.getType();
            if (t == byte[].class || t == java.nio.ByteBuffer.class) {
                c.add("const uint8_t *" + p.getName() + ", uint64_t " + p.getName() + "_len");
            } else {
                c.add(cType(t, m) + (t == String.class ? "" : " ") + p.getName());
            }
        }
        Class<?> r = m.getReturnType();
        String result = r == void.class ? "void" : cType(r, m);
        return result + (result.endsWith("*") ? "" : " ") + name + "(" + (c.isEmpty() ? "void" : String.join(", ", c)) + ")";
    }

    /** {@code discount(f64) -> f64}: the sidecar's notation of the same prototype. */
    private static String plainNotation(String name, Method m) {
        List<String> notation = new ArrayList<>();
        for (Class<?> t : m.getParameterTypes()) {
            notation.add(t == byte[].class || t == java.nio.ByteBuffer.class ? "ptr, u64" : notationOf(t, m));
        }
        Class<?> r = m.getReturnType();
        return name + "(" + String.join(", ", notation) + ")" + (r == void.class ? "" : " -> " + notationOf(r, m));
    }

    private static String cType(Class<?> t, Method m) {
        NativeType.Scalar scalar = scalarOf(t, m);
        return scalar == null ? "const char *" : scalar.cType();
    }

    private static String notationOf(Class<?> t, Method m) {
        NativeType.Scalar scalar = scalarOf(t, m);
        return scalar == null ? "cstr" : scalar.notation();
    }

    /** The C scalar a Java type is in a plain C call (NativeType's table), or null for a String, a {@code cstr}. */
    private static NativeType.Scalar scalarOf(Class<?> t, Method m) {
        if (t == String.class) {
            return null;
        }
        for (NativeType.Scalar scalar : NativeType.Scalar.values()) {
            if (scalar.javaType() == t) {
                return scalar;
            }
        }
        throw new IllegalArgumentException("expected int, long, float, double, boolean, String, byte[] or ByteBuffer in "
                + PatchableType.signature(m) + " for a plain C call, found " + t.getName());
    }
}
