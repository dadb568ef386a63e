package dev.graft.natives;

import dev.graft.core.state.RecordShapes;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateText;
import dev.graft.core.state.StateType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The C header of a native plugin's state block, written by {@link CBindgen#stateHeader} from a Java
 * record, so that the record stays the one source of truth: the struct (a typedef per record,
 * nested records as nested structs), {@code PREFIX_DECLARATION} (the declaration text the
 * descriptor carries), {@code PREFIX_SIZE}, the accessor {@code prefix_from(host)}, and static
 * asserts on the struct's size, alignment and every field's offset against the host's layout
 * ({@link StateLayout}). A plugin whose struct drifts from the record, or a compiler that lays it
 * out otherwise, fails to compile instead of loading with fields at the wrong places.
 *
 * <p>Names: the struct is the record's simple name in snake case ({@code GreeterState} gives
 * {@code greeter_state}); a nested record's struct is that name, an underscore, and the nested
 * record's ({@code greeter_state_origin}); macros are the struct's name in upper case.
 */
final class StateHeader {

    private StateHeader() {
    }

    static String header(Class<? extends Record> record) {
        StateShape shape = RecordShapes.ofBlock(record); // refuses what a block cannot hold, naming the field
        StateLayout layout = StateLayout.of(shape);
        String prefix = snake(record.getSimpleName());
        String macro = prefix.toUpperCase(Locale.ROOT);
        String guard = macro + "_H";

        Map<Class<?>, String> structs = new LinkedHashMap<>();
        StringBuilder types = new StringBuilder();
        struct(record, shape, prefix, prefix, structs, types);

        List<String> asserts = new ArrayList<>();
        asserts.add("sizeof(" + prefix + ") == " + layout.size());
        asserts.add(macro + "_ALIGNOF_(" + prefix + ") == " + layout.alignment());
        offsets(prefix, layout, "", 0, asserts);

        StringBuilder h = new StringBuilder();
        h.append("/*\n")
                .append(" * ").append(prefix).append(".h: the state block of a Graft native plugin.\n")
                .append(" * Written by graft bindgen from ").append(record.getName()).append(": do not edit.\n")
                .append(" *\n")
                .append(" * Declare it in the descriptor, and take the block from what init receives:\n")
                .append(" *     static ").append(prefix).append(" *state;\n")
                .append(" *     static graft_result init(const graft_host *host) {\n")
                .append(" *         state = ").append(prefix).append("_from(host);\n")
                .append(" *         return graft_ok();\n")
                .append(" *     }\n")
                .append(" *     GRAFT_PLUGIN_STATE(\"my-plugin\", \"1.0.0\", init, NULL, ").append(macro)
                .append("_DECLARATION, sizeof(").append(prefix).append("), MY_CONTRACT);\n")
                .append(" * The host owns the block and carries it across reloads. Calls run on many threads, and a\n")
                .append(" * new version of the same shape shares the block while the old one's calls finish: update\n")
                .append(" * fields atomically, such as __atomic_fetch_add(&state->count, 1, __ATOMIC_RELAXED).\n")
                .append(" * char[N] fields hold UTF-8 text padded with NUL bytes (N bytes of text have none).\n")
                .append(" */\n")
                .append("#ifndef ").append(guard).append('\n')
                .append("#define ").append(guard).append("\n\n")
                .append("#include <stddef.h>\n\n")
                .append("#include \"graft.h\"\n\n")
                .append("#ifdef __cplusplus\nextern \"C\" {\n")
                .append("#define ").append(macro).append("_ASSERT_ static_assert\n")
                .append("#define ").append(macro).append("_ALIGNOF_ alignof\n")
                .append("#else\n")
                .append("#define ").append(macro).append("_ASSERT_ _Static_assert\n")
                .append("#define ").append(macro).append("_ALIGNOF_ _Alignof\n")
                .append("#endif\n\n")
                .append(types)
                .append("/* The declaration the descriptor carries: the host lays the block out from it. */\n")
                .append("#define ").append(macro).append("_DECLARATION \"").append(StateText.print(shape)).append("\"\n")
                .append("/* sizeof(").append(prefix).append(") as the host lays it out. */\n")
                .append("#define ").append(macro).append("_SIZE ").append(layout.size()).append("\n\n")
                .append("/* The struct must be laid out as the host lays out the declaration. */\n");
        for (String a : asserts) {
            h.append(macro).append("_ASSERT_(").append(a).append(", \"").append(prefix)
                    .append(": expected the host's layout of ").append(record.getSimpleName()).append(", found ")
                    .append(a.substring(0, a.indexOf(" =="))).append(" otherwise\");\n");
        }
        h.append("\n/* The block in what init receives; NULL if the plugin declares no state. */\n")
                .append("static inline ").append(prefix).append(" *").append(prefix).append("_from(const graft_host *host) {\n")
                .append("    return (").append(prefix).append(" *) graft_state(host);\n")
                .append("}\n\n")
                .append("#ifdef __cplusplus\n}\n#endif\n\n")
                .append("#endif /* ").append(guard).append(" */\n");
        return h.toString();
    }

    /** Appends the typedef of a record's struct to {@code out}, after those of its nested records. */
    private static void struct(Class<?> record, StateShape shape, String name, String prefix, Map<Class<?>, String> structs,
                               StringBuilder out) {
        structs.put(record, name);
        RecordComponent[] components = record.getRecordComponents();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            String member = HostModuleHeader.member(components[i].getName());
            StateType type = shape.fields().get(i).type();
            members.add(switch (type) {
                case StateType.Scalar s -> cType(s.kind()) + " " + member + ";";
                case StateType.Fixed f -> (f.chars() ? "char " : "uint8_t ") + member + "[" + f.length() + "];"
                        + (f.chars() ? " /* UTF-8, NUL-padded */" : "");
                case StateType.Struct s -> {
                    Class<?> nested = components[i].getType();
                    String nestedName = structs.get(nested);
                    if (nestedName == null) {
                        nestedName = prefix + "_" + snake(nested.getSimpleName());
                        struct(nested, s.shape(), nestedName, prefix, structs, out);
                    }
                    yield nestedName + " " + member + ";";
                }
                default -> throw new IllegalArgumentException("expected a state block field, found " + type);
            });
        }
        out.append("/* record ").append(record.getSimpleName()).append(" */\n")
                .append("typedef struct ").append(name).append(" {\n");
        members.forEach(m -> out.append("    ").append(m).append('\n'));
        out.append("} ").append(name).append(";\n\n");
    }

    /** One assert per field, nested ones by their path ({@code origin.x}), at their offset from the block's start. */
    private static void offsets(String struct, StateLayout layout, String path, long base, List<String> asserts) {
        for (StateLayout.Slot slot : layout.slots()) {
            String field = path + HostModuleHeader.member(slot.field().name());
            asserts.add("offsetof(" + struct + ", " + field + ") == " + (base + slot.offset()));
            if (slot.nested() != null) {
                offsets(struct, slot.nested(), field + ".", base + slot.offset(), asserts);
            }
        }
    }

    static String cType(StateType.Scalar.Kind kind) {
        return switch (kind) {
            case BOOL -> "bool";
            case I8 -> "int8_t";
            case I16 -> "int16_t";
            case U16 -> "uint16_t";
            case I32 -> "int32_t";
            case I64 -> "int64_t";
            case F32 -> "float";
            case F64 -> "double";
        };
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
