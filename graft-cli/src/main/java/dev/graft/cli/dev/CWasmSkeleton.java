package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import dev.graft.wasm.WasmBindgen;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kind {@code c-wasm}: one {@code ID.c} for clang's wasm32 target, with the manifest
 * ({@code GRAFT_MANIFEST_LINE}), the bump allocator of graft_wasm.h, and a stub of every export
 * the contracts' headers declare (prototypes copied from what {@link WasmBindgen} writes). It
 * includes graft_wasm.h by name, which is how {@code graft dev} tells it from a native C plugin.
 */
final class CWasmSkeleton implements PluginSkeleton {

    private static final Pattern PROTOTYPE = Pattern.compile("(?m)^GRAFT_EXPORT\\(\"\\w+\"\\) (.*?)(\\w+)\\((.*)\\);$");

    @Override
    public String kind() {
        return "c-wasm";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        StringBuilder c = new StringBuilder("/* ")
                .append(String.join("\n * ", ContractStubs.intro(id, "a wasm plugin in C", contracts, run,
                        "Every save rebuilds it (clang --target=wasm32, no libc) and reloads it. The contract headers",
                        "are generated from the contracts' Java interfaces at each build (as graft bindgen --lang wasm",
                        "writes them); sdk/wasm's graft_wasm.h and docs/wasm-plugins.md give the memory convention.")))
                .append(" */\n")
                .append("#define GRAFT_BUMP_ALLOCATOR\n")
                .append("#include \"graft_wasm.h\"\n");
        StringBuilder functions = new StringBuilder();
        for (ContractType<?> contract : contracts) {
            String header = ContractStubs.header(contract, WasmBindgen::cHeader);
            c.append("#include \"").append(ContractStubs.prefix(contract.type())).append(".h\"\n");
            Matcher prototype = PROTOTYPE.matcher(header);
            while (prototype.find()) {
                Method method = ContractStubs.method(contract, prototype.group(2));
                String result = prototype.group(1);
                functions.append("\n/* ").append(ContractStubs.javaSignature(method)).append(" */\n")
                        .append(result).append(prototype.group(2)).append('(').append(prototype.group(3)).append(") {\n")
                        .append(body(GuestValue.of(method.getReturnType()), result.replace("*", "").strip()))
                        .append("}\n");
            }
        }
        c.append("\nGRAFT_MANIFEST_LINE(\"id       = ").append(id).append("\")\n")
                .append("GRAFT_MANIFEST_LINE(\"version  = 0.1.0\")\n")
                .append("GRAFT_MANIFEST_LINE(\"provides = ").append(ContractStubs.provides(contracts)).append("\")\n")
                .append(functions);
        return Map.of(id.replace('.', '_').replace('-', '_') + ".c", c.toString());
    }

    /** The default, in the wasm memory convention: a str or bytes of length 0 is never read; a record is the guest's allocation. */
    private static String body(GuestValue result, String type) {
        return switch (result) {
            case VOID -> "";
            case BOOL -> "    return false;\n";
            case STR, BYTES -> "    return graft_result_of(NULL, 0);\n";
            case RECORD -> "    " + type + " *result = graft_alloc(sizeof *result);  /* the host frees it */\n"
                    + "    if (result == NULL) {\n"
                    + "        __builtin_trap();\n"
                    + "    }\n"
                    + "    __builtin_memset(result, 0, sizeof *result);\n"
                    + "    return result;\n";
            default -> "    return 0;\n";
        };
    }
}
