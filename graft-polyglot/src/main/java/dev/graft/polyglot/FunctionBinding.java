package dev.graft.polyglot;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Value;

/**
 * One contract method bound to the guest function of the same name: the conversion of each
 * parameter and of the result ({@link GuestType}), and the link check against what the guest's
 * top level defined, with Mun-style messages:
 * {@code expected fn greet(String) -> String, found a function of 2 parameters}.
 */
record FunctionBinding(Method method, GuestType[] params, GuestType result) {

    static FunctionBinding of(Method method) {
        GuestType[] params = Arrays.stream(method.getParameterTypes()).map(GuestType::of).toArray(GuestType[]::new);
        return new FunctionBinding(method, params, GuestType.of(method.getReturnType()));
    }

    /** The guest function's name: the method's. */
    String name() {
        return method.getName();
    }

    /** {@code fn greet(String) -> String}, {@code fn reset()}. */
    String expected() {
        String ps = Arrays.stream(params).map(GuestType::name).collect(Collectors.joining(", "));
        return "fn " + name() + "(" + ps + ")" + (method.getReturnType() == void.class ? "" : " -> " + result.name());
    }

    /**
     * Checks what the guest defined under the method's name: a function that takes the method's
     * number of parameters, as far as the language tells.
     *
     * @param member   the guest's top-level member of that name, or null when it has none
     * @param problems where a mismatch is added
     */
    void check(Language language, Value member, String artifactName, List<String> problems) {
        if (member == null || member.isNull()) {
            problems.add("expected " + expected() + ", found no function named " + name() + " in " + artifactName);
            return;
        }
        if (!member.canExecute()) {
            problems.add("expected " + expected() + ", found " + GuestType.describe(member) + " named " + name());
            return;
        }
        int[] arity = arity(language, member);
        int n = params.length;
        if (arity != null && (n < arity[0] || n > arity[1])) {
            String found = arity[0] == arity[1] ? String.valueOf(arity[0])
                    : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " to " + arity[1];
            problems.add("expected " + expected() + ", found a function of " + found + " parameter"
                    + (arity[0] == 1 && arity[1] == 1 ? "" : "s"));
        }
    }

    /**
     * How many arguments the function takes, {@code {min, max}}, or null when the language does
     * not say. JavaScript: its {@code length} (the parameters before the first default or rest
     * parameter), exactly. Python: {@code __code__.co_argcount}, less the defaults for the minimum,
     * no maximum with {@code *args}.
     */
    private static int[] arity(Language language, Value function) {
        try {
            if (language == Language.JS) {
                Value length = function.getMember("length");
                return length != null && length.fitsInInt() ? new int[] {length.asInt(), length.asInt()} : null;
            }
            Value code = function.getMember("__code__");
            if (code == null || code.isNull()) {
                return null;
            }
            int count = code.getMember("co_argcount").asInt();
            int flags = code.getMember("co_flags").asInt();
            Value defaults = function.getMember("__defaults__");
            int optional = defaults == null || defaults.isNull() ? 0 : (int) defaults.getArraySize();
            boolean varargs = (flags & 0x04) != 0; // CO_VARARGS
            return new int[] {count - optional, varargs ? Integer.MAX_VALUE : count};
        } catch (RuntimeException e) {
            return null; // a callable the language describes otherwise: no arity to check
        }
    }
}
