package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kinds {@code js} and {@code python}: one script, {@code ID.js} or {@code ID.py}, with the
 * manifest in its leading comment (docs/polyglot-plugins.md) and one top-level function per
 * contract method, named like the method, returning a plain default of the mapped type (a record
 * as an object or a dictionary of defaults).
 */
final class ScriptSkeleton implements PluginSkeleton {

    private final boolean js;

    private ScriptSkeleton(boolean js) {
        this.js = js;
    }

    static ScriptSkeleton js() {
        return new ScriptSkeleton(true);
    }

    static ScriptSkeleton python() {
        return new ScriptSkeleton(false);
    }

    @Override
    public String kind() {
        return js ? "js" : "python";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        String served = "int, long, float, double, boolean, String, byte[] or a record of these";
        ContractStubs.check(kind(), contracts, EnumSet.complementOf(EnumSet.of(GuestValue.OTHER)), served);
        for (ContractType<?> contract : contracts) { // BYTES covers a ByteBuffer too, which scripts are not given
            for (Method method : ContractStubs.methods(contract.type())) {
                if (method.getReturnType() == ByteBuffer.class || List.of(method.getParameterTypes()).contains(ByteBuffer.class)) {
                    throw new SkeletonException("contract " + contract + ", method " + method.getName() + ": expected " + served
                            + " for a " + kind() + " skeleton, found java.nio.ByteBuffer");
                }
            }
        }
        String manifest = "id       = " + id + "\nversion  = 0.1.0\nprovides = " + ContractStubs.provides(contracts) + "\n";
        List<String> intro = ContractStubs.intro(id, js ? "a JavaScript plugin" : "a Python plugin", contracts, run,
                "Every save reloads it. Host modules the manifest imports are globals (graft.log is graft_log);",
                "state is graft_state: docs/polyglot-plugins.md.");
        StringBuilder script = new StringBuilder();
        if (js) {
            script.append("/* graft.manifest\n").append(manifest).append("*/\n").append(ContractStubs.lineComment("// ", intro));
        } else {
            script.append("# graft.manifest\n").append(ContractStubs.lineComment("# ", manifest.lines().toList()))
                    .append('\n').append(ContractStubs.lineComment("# ", intro)); // the blank line ends the manifest
        }
        for (ContractType<?> contract : contracts) {
            for (Method method : ContractStubs.methods(contract.type())) {
                String params = Arrays.stream(method.getParameters()).map(Parameter::getName).collect(Collectors.joining(", "));
                String comment = ContractStubs.javaSignature(method) + " (" + contract.ref() + ")";
                boolean none = method.getReturnType() == void.class;
                if (js) {
                    script.append("\n// ").append(comment).append("\nfunction ").append(method.getName()).append('(').append(params)
                            .append(") {\n").append(none ? "" : "  return " + value(method.getReturnType()) + ";\n").append("}\n");
                } else {
                    script.append("\n\n# ").append(comment).append("\ndef ").append(method.getName()).append('(').append(params)
                            .append("):\n    ").append(none ? "pass" : "return " + value(method.getReturnType())).append('\n');
                }
            }
        }
        return Map.of(id + (js ? ".js" : ".py"), script.toString());
    }

    /** The plain default of {@code type} in the script's language. */
    private String value(Class<?> type) {
        return switch (GuestValue.of(type)) {
            case I32, I64 -> "0";
            case F32, F64 -> js ? "0" : "0.0";
            case BOOL -> js ? "false" : "False";
            case STR -> "''";
            case BYTES -> js ? "new Uint8Array(0)" : "b''";
            case RECORD -> Arrays.stream(type.getRecordComponents())
                    .map(c -> (js ? c.getName() + ": " : "'" + c.getName() + "': ") + value(c.getType()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case VOID, OTHER -> throw new IllegalStateException("checked above: " + type);
        };
    }
}
