package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import dev.graft.natives.CBindgen;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kind {@code c}: one {@code ID.c} with a stub of every function of the contracts' headers (the
 * prototypes copied from what {@link CBindgen} writes, so they match) and the descriptor. The
 * headers themselves are not written: {@code graft dev} generates them at each build.
 */
final class CSkeleton implements PluginSkeleton {

    private static final Pattern PROTOTYPE = Pattern.compile("(?m)^graft_result (\\w+)\\((.*)\\);$");

    @Override
    public String kind() {
        return "c";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        StringBuilder c = new StringBuilder("/* ")
                .append(String.join("\n * ", ContractStubs.intro(id, "a native plugin in C", contracts, run,
                        "Every save rebuilds it (gcc) and reloads it. The included headers are generated from the",
                        "contracts' Java interfaces at each build (as graft bindgen --lang c writes them), with sdk/c's",
                        "graft.h: docs/native-plugins.md gives the calling convention.")))
                .append(" */\n")
                .append("#define GRAFT_IMPLEMENTATION\n");
        StringBuilder functions = new StringBuilder();
        StringBuilder entries = new StringBuilder();
        for (ContractType<?> contract : contracts) {
            String header = ContractStubs.header(contract, CBindgen::header);
            String prefix = ContractStubs.prefix(contract.type());
            c.append("#include \"").append(prefix).append(".h\"\n");
            entries.append(", ").append(prefix.toUpperCase(Locale.ROOT)).append("_CONTRACT");
            Matcher prototype = PROTOTYPE.matcher(header);
            while (prototype.find()) {
                Method method = ContractStubs.method(contract, prototype.group(1));
                functions.append("\n/* ").append(ContractStubs.javaSignature(method)).append(" */\n")
                        .append("graft_result ").append(prototype.group(1)).append('(').append(prototype.group(2)).append(") {\n")
                        .append("    ").append(body(GuestValue.of(method.getReturnType()))).append('\n')
                        .append("}\n");
            }
        }
        c.append(functions)
                .append("\nGRAFT_PLUGIN(\"").append(id).append("\", \"0.1.0\", NULL, NULL").append(entries).append(");\n");
        return Map.of(id.replace('.', '_').replace('-', '_') + ".c", c.toString());
    }

    /** The default, in graft.h's convention: results in memory (*result) arrive zeroed. */
    private static String body(GuestValue result) {
        return switch (result) {
            case I32 -> "return graft_ok_i32(0);";
            case F32 -> "return graft_ok_f32(0);";
            case BOOL -> "return graft_ok_bool(false);";
            case STR, BYTES -> "return graft_return_static(result, \"\", 0);";
            case I64, F64, RECORD -> "return graft_ok();  /* *result arrives zeroed: 0 */";
            default -> "return graft_ok();";
        };
    }
}
