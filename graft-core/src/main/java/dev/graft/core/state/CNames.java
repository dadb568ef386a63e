package dev.graft.core.state;

import java.util.Locale;
import java.util.Set;

/**
 * C names for Java ones, as the generated headers of native and wasm plugins spell them: one
 * snake-case rule for types, one escape for members and one prefix for functions, so that every
 * header names the same Java thing the same way.
 */
public final class CNames {

    /** What C reserves (C99, with {@code bool}, {@code true} and {@code false}), so no member can be named so. */
    private static final Set<String> KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue", "default",
            "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
            "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned",
            "void", "volatile", "while", "bool", "true", "false");

    private CNames() {
    }

    /**
     * A Java type name in snake case: an underscore before each word, a word starting at an upper-case
     * letter after a lower-case letter or a digit, or at the last capital of an acronym followed by
     * lower case ({@code GreeterState} gives {@code greeter_state}, {@code HTTPState}
     * {@code http_state}, {@code Point3D} {@code point3_d}).
     */
    public static String snake(String name) {
        return name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The prefix of every function a header declares for a contract or a host module: its dotted name
     * with dots as underscores, in lower case ({@code example.greeter} gives {@code example_greeter},
     * whose method {@code greet} is the C function {@code example_greeter_greet}). A bare method name
     * would clash with the C library ({@code log}, {@code abs}, {@code exp}) or a C keyword, and two
     * contracts' or modules' functions with each other; a dotted name is letters, digits, underscores
     * and dots ({@code ContractRef}, {@code ModuleRef}), so the prefix is a C name.
     */
    public static String prefix(String dottedName) {
        return dottedName.replace('.', '_').toLowerCase(Locale.ROOT);
    }

    /** The C function of a contract's or host module's method: {@code example_greeter_greet}. */
    public static String function(String dottedName, String method) {
        return prefix(dottedName) + "_" + method;
    }

    /**
     * The name of a record's struct in a header that also declares free functions: {@code name} as it
     * is, or, where a function of the same header is named so, {@code name} and {@code _t}
     * ({@code acme_q_quote_t} for record {@code Quote} beside method {@code quote}'s
     * {@code acme_q_quote}), suffixed again while that is taken too. C gives typedefs and functions one
     * name space, so the two could not both be declared; a struct that clashes with nothing keeps its
     * name, so headers and plugins written before keep building.
     */
    public static String struct(String name, Set<String> functions) {
        String struct = name;
        while (functions.contains(struct)) {
            struct += "_t";
        }
        return struct;
    }

    /** A struct member for a Java name: the name, with an underscore after it if C reserves it ({@code register_}). */
    public static String member(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }
}
