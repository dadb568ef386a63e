package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Kind {@code java}: {@code graft-plugin.properties} at the folder's root (the manifest, naming the
 * provider class of each contract) and one class per contract under {@code src/}, implementing
 * every abstract method with a plain default. Any Java type is served.
 */
final class JavaSkeleton implements PluginSkeleton {

    @Override
    public String kind() {
        return "java";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) {
        String pkg = packageOf(id);
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder()
                .append("# Plugin ").append(id).append(": a JVM plugin, written by graft new.\n")
                .append("# Run it with: ").append(run).append('\n')
                .append("# graft dev compiles the .java files of this folder (any sub-folder) and packs them with this manifest.\n")
                .append("id       = ").append(id).append('\n')
                .append("version  = 0.1.0\n")
                .append("provides = ").append(ContractStubs.provides(contracts)).append('\n');
        for (ContractType<?> contract : contracts) {
            String simple = contract.type().getSimpleName() + "Plugin";
            manifest.append("provider.").append(contract.name()).append(" = ").append(pkg).append('.').append(simple).append('\n');
            files.put("src/" + pkg.replace('.', '/') + "/" + simple + ".java", source(pkg, simple, contract, run));
        }
        files.put("graft-plugin.properties", manifest.toString());
        return files;
    }

    private static String source(String pkg, String simple, ContractType<?> contract, String run) {
        StringBuilder java = new StringBuilder()
                .append("package ").append(pkg).append(";\n\n")
                .append("/**\n")
                .append(" * The plugin's provider of ").append(contract.ref()).append(", written by graft new. Put your code in the\n")
                .append(" * methods below: each returns a plain default now. Run it with:\n")
                .append(" *     ").append(run).append("\n")
                .append(" * Every save recompiles and reloads it. A constructor taking a dev.graft.api.PluginContext\n")
                .append(" * reaches host modules and state (docs/jvm-plugins.md).\n")
                .append(" */\n")
                .append("public final class ").append(simple).append(" implements ").append(name(contract.type())).append(" {\n");
        for (Method method : ContractStubs.methods(contract.type())) {
            List<String> parameters = new ArrayList<>();
            for (Parameter p : method.getParameters()) {
                parameters.add(name(p.getParameterizedType()) + " " + p.getName());
            }
            java.append("\n    @Override\n    public ").append(name(method.getGenericReturnType())).append(' ').append(method.getName())
                    .append('(').append(String.join(", ", parameters)).append(") {\n");
            if (method.getReturnType() != void.class) {
                java.append("        return ").append(defaultOf(method.getReturnType())).append(";\n");
            }
            java.append("    }\n");
        }
        return java.append("}\n").toString();
    }

    /** The plugin's package: the id's parts as Java names ({@code calc-demo} gives {@code calc_demo}). */
    static String packageOf(String id) {
        List<String> parts = new ArrayList<>();
        for (String part : id.split("\\.")) {
            String name = part.replace('-', '_').toLowerCase(Locale.ROOT);
            parts.add(SourceVersion.isName(name) ? name : "p" + name);
        }
        return String.join(".", parts);
    }

    /** A type as Java source names it: java.lang's types by their simple name, nested types with dots. */
    private static String name(Type type) {
        String name = type instanceof Class<?> c ? c.getCanonicalName() : type.getTypeName().replace('$', '.');
        return name.replaceAll("\\bjava\\.lang\\.(?=[A-Z])", "");
    }

    /** A plain default of a type, as Java source: 0, false, "", an empty array or collection, a record of defaults. */
    static String defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return "false";
        } else if (type == long.class) {
            return "0L";
        } else if (type == float.class) {
            return "0f";
        } else if (type == double.class) {
            return "0.0";
        } else if (type == char.class) {
            return "'\\0'";
        } else if (type == byte.class || type == short.class) {
            return "(" + type.getName() + ") 0";
        } else if (type.isPrimitive()) {
            return "0";
        } else if (type == String.class) {
            return "\"\"";
        } else if (type.isArray()) {
            Class<?> element = type;
            int dimensions = 0;
            while (element.isArray()) {
                element = element.getComponentType();
                dimensions++;
            }
            return "new " + element.getCanonicalName() + "[0]" + "[]".repeat(dimensions - 1);
        } else if (type == ByteBuffer.class) {
            return "java.nio.ByteBuffer.allocate(0)";
        } else if (type == List.class || type == Set.class || type == Map.class) {
            return type.getName() + ".of()";
        } else if (type == Optional.class) {
            return "java.util.Optional.empty()";
        } else if (type.isRecord()) {
            List<String> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(defaultOf(component.getType()));
            }
            return "new " + type.getCanonicalName() + "(" + String.join(", ", components) + ")";
        }
        return "null";
    }
}
