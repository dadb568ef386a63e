package dev.graft.core.bindgen;

import dev.graft.api.HostModule;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Whether a generated header can name parameters after the Java source: a class file carries
 * parameter names only when compiled with {@code -parameters}; without them reflection gives
 * {@code arg0, arg1}, and so does every header written from it. The header writers of native and
 * wasm plugins ask here, so that each header says so once, at its top, and the caller is told once.
 */
public final class ParameterNames {

    private ParameterNames() {
    }

    /**
     * The comment a header starts with when a parameter of {@code methods} has no name in the class
     * file (with a line break after it), else the empty string; in the first case, also reports one
     * warning naming {@code type} to {@code warnings}.
     *
     * @param type     the contract or host module interface the header is written from
     * @param methods  the methods whose parameters the header names
     * @param warnings told once, with a message naming {@code type}, if a name is missing
     */
    public static String check(Class<?> type, Collection<Method> methods, Consumer<String> warnings) {
        if (present(methods)) {
            return "";
        }
        String kind = type.isAnnotationPresent(HostModule.class) ? "host module" : "contract";
        warnings.accept("warning: " + type.getName() + " was compiled without -parameters: its header names parameters"
                + " arg0, arg1...; compile the " + kind + " with -parameters (maven-compiler-plugin"
                + " <parameters>true</parameters>) to get their names");
        return "/* Parameter names are arg0, arg1...: the " + kind + "'s class files have no names; compile it with -parameters */\n";
    }

    /** Whether every parameter of {@code methods} has its source name in the class file. */
    public static boolean present(Collection<Method> methods) {
        return methods.stream().flatMap(m -> Arrays.stream(m.getParameters())).allMatch(Parameter::isNamePresent);
    }
}
