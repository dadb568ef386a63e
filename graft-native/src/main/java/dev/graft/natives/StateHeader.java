package dev.graft.natives;

import dev.graft.core.state.CStateStruct;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateText;
import java.util.Set;

/**
 * The C header of a native plugin's state block, written by {@link CBindgen#stateHeader} from a Java
 * record, so that the record stays the one source of truth: the struct (a typedef per record,
 * nested records as nested structs), {@code PREFIX_DECLARATION} (the declaration text the
 * descriptor carries), {@code PREFIX_SIZE}, the accessor {@code prefix_from(host)}, and static
 * asserts on the struct's size, alignment and every field's offset against the host's layout
 * ({@link StateLayout}). A plugin whose struct drifts from the record, or a compiler that lays it
 * out otherwise, fails to compile instead of loading with fields at the wrong places.
 *
 * <p>Names: those of {@link CStateStruct}, which writes the structs and asserts for wasm headers too
 * ({@code GreeterState} gives {@code greeter_state}, its nested record {@code Origin}
 * {@code greeter_state_origin}, macros {@code GREETER_STATE_...}); a nested record named {@code From}
 * is {@code greeter_state_from_t}, since {@code greeter_state_from} is the accessor).
 */
final class StateHeader {

    private StateHeader() {
    }

    static String header(Class<? extends Record> record) {
        // the accessor is the header's one function: a nested record named From must not take its name
        CStateStruct struct = CStateStruct.of(record, Set.of(CStateStruct.nameOf(record) + "_from"));
        String prefix = struct.name();
        String macro = struct.macro();
        String guard = macro + "_H";

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
                .append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
                .append(struct.typedefs())
                .append("/* The declaration the descriptor carries: the host lays the block out from it. */\n")
                .append("#define ").append(macro).append("_DECLARATION \"").append(StateText.print(struct.shape())).append("\"\n")
                .append("/* sizeof(").append(prefix).append(") as the host lays it out. */\n")
                .append("#define ").append(macro).append("_SIZE ").append(struct.layout().size()).append("\n\n")
                .append(struct.asserts())
                .append("\n/* The block in what init receives; NULL if the plugin declares no state. */\n")
                .append("static inline ").append(prefix).append(" *").append(prefix).append("_from(const graft_host *host) {\n")
                .append("    return (").append(prefix).append(" *) graft_state(host);\n")
                .append("}\n\n")
                .append("#ifdef __cplusplus\n}\n#endif\n\n")
                .append("#endif /* ").append(guard).append(" */\n");
        return h.toString();
    }
}
