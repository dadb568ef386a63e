package dev.graft.core.state;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The C struct of a state block, written from the Java record that declares it, for the headers
 * of native and wasm plugins alike (both guests see the block as this struct): the typedefs, and
 * static asserts that hold the compiler's layout of them to the host's ({@link StateLayout}), so a
 * struct that drifts from the record, or a compiler that lays it out otherwise, does not compile.
 *
 * <p>Names ({@link CNames}): the struct is the record's simple name in snake case
 * ({@code GreeterState} gives {@code greeter_state}); a nested record's struct is that name, an
 * underscore and the nested record's ({@code greeter_state_origin} for {@code Origin}), one typedef
 * per record however often it is used, declared before the structs that hold it, with {@code _t}
 * after it where a function of the header has its name ({@link CNames#struct}); a member is the
 * component's name, with an underscore after it if C reserves it ({@code register_}). Macros are the
 * struct's name in upper case ({@code GREETER_STATE}).
 */
public final class CStateStruct {

    // the suffixes of the two macros asserts() defines after macro(): a header that names other
    // macros after the same prefix must avoid them (macros())
    private static final String ASSERT = "_ASSERT_";
    private static final String ALIGNOF = "_ALIGNOF_";

    private final Class<? extends Record> record;
    private final StateShape shape;
    private final StateLayout layout;
    private final String name;
    private final Set<String> functions;
    private final Map<Class<?>, String> structs = new LinkedHashMap<>();
    private final StringBuilder typedefs = new StringBuilder();

    private CStateStruct(Class<? extends Record> record, Set<String> functions) {
        this.record = record;
        this.functions = functions;
        this.shape = RecordShapes.ofBlock(record); // refuses what a block cannot hold, naming the field
        this.layout = StateLayout.of(shape);
        this.name = nameOf(record);
        struct(record, shape, name);
    }

    /**
     * The struct of a record's state block, in a header that declares no free function but those named
     * after the block's struct and a field ({@code greeter_state_from}, {@code greeter_state_count_get}).
     *
     * @throws IllegalArgumentException if the record has a component a state block cannot hold (naming
     *                                  it), or two nested records of the same simple name
     */
    public static CStateStruct of(Class<? extends Record> record) {
        return of(record, Set.of());
    }

    /**
     * The struct of a record's state block, in a header that also declares {@code functions}: a nested
     * record's struct named like one of them takes {@code _t} ({@link CNames#struct}), as
     * {@code greeter_state_from_t} does for a nested record {@code From} beside the accessor
     * {@code greeter_state_from}.
     *
     * @throws IllegalArgumentException if the record has a component a state block cannot hold (naming
     *                                  it), or two nested records of the same simple name
     */
    public static CStateStruct of(Class<? extends Record> record, Set<String> functions) {
        return new CStateStruct(record, Set.copyOf(functions));
    }

    /**
     * The name of a record's struct, {@link #name()}, known before its struct is made: a header names
     * its functions after it ({@code greeter_state_from}).
     */
    public static String nameOf(Class<? extends Record> record) {
        return CNames.snake(record.getSimpleName());
    }

    public StateShape shape() {
        return shape;
    }

    public StateLayout layout() {
        return layout;
    }

    /** The struct's type name: {@code greeter_state}. */
    public String name() {
        return name;
    }

    /** The prefix of the header's macros: {@code GREETER_STATE}. */
    public String macro() {
        return name.toUpperCase(Locale.ROOT);
    }

    /** The type of a nested struct field, by its path ({@code origin}, {@code origin.inner}). */
    public String structOf(String path) {
        Class<?> type = record;
        for (String part : path.split("\\.")) {
            Class<?> outer = type;
            type = Arrays.stream(outer.getRecordComponents()).filter(c -> c.getName().equals(part)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("expected a component " + part + " of " + outer.getName()
                            + ", found none")).getType();
        }
        String struct = structs.get(type);
        if (struct == null) {
            throw new IllegalArgumentException("expected a nested record at " + path + ", found " + type.getName());
        }
        return struct;
    }

    /** The typedef of every struct, each nested one before the structs that hold it, the block's last. */
    public String typedefs() {
        return typedefs.toString();
    }

    /** The macros {@link #asserts} defines, so that a header naming macros of its own can avoid them. */
    public Set<String> macros() {
        return Set.of(macro() + ASSERT, macro() + ALIGNOF);
    }

    /**
     * The static asserts on the struct's size, alignment and every field's offset (nested ones by
     * path, {@code origin.x}, from the block's start), in C and C++.
     */
    public String asserts() {
        String macro = macro();
        StringBuilder out = new StringBuilder()
                .append("/* The struct must be laid out as the host lays out the declaration. */\n")
                .append("#ifdef __cplusplus\n")
                .append("#define ").append(macro).append(ASSERT).append(" static_assert\n")
                .append("#define ").append(macro).append(ALIGNOF).append(" alignof\n")
                .append("#else\n")
                .append("#define ").append(macro).append(ASSERT).append(" _Static_assert\n")
                .append("#define ").append(macro).append(ALIGNOF).append(" _Alignof\n")
                .append("#endif\n");
        assertEquals(out, "sizeof(" + name + ")", layout.size());
        assertEquals(out, macro + ALIGNOF + "(" + name + ")", layout.alignment());
        offsets(out, layout, "", 0);
        return out.toString();
    }

    /** The C type of a scalar. */
    public static String cType(StateType.Scalar.Kind kind) {
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

    /** Appends the typedef of a record's struct, after those of the nested records it is the first to hold. */
    private void struct(Class<?> type, StateShape typeShape, String struct) {
        structs.put(type, struct);
        RecordComponent[] components = type.getRecordComponents();
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            String member = CNames.member(components[i].getName());
            StateType field = typeShape.fields().get(i).type();
            members.append("    ").append(switch (field) {
                case StateType.Scalar s -> cType(s.kind()) + " " + member + ";";
                case StateType.Fixed f -> (f.chars() ? "char " : "uint8_t ") + member + "[" + f.length() + "];"
                        + (f.chars() ? " /* UTF-8, NUL-padded */" : "");
                case StateType.Struct s -> nested(components[i].getType(), s.shape()) + " " + member + ";";
                default -> throw new IllegalArgumentException("expected a state block field, found " + field);
            }).append('\n');
        }
        typedefs.append("/* record ").append(type.getSimpleName()).append(" */\n")
                .append("typedef struct ").append(struct).append(" {\n")
                .append(members)
                .append("} ").append(struct).append(";\n\n");
    }

    /** The struct of a nested record, its typedef appended the first time it is met. */
    private String nested(Class<?> type, StateShape typeShape) {
        String struct = structs.get(type);
        if (struct == null) {
            struct = CNames.struct(name + "_" + CNames.snake(type.getSimpleName()), functions);
            for (Map.Entry<Class<?>, String> other : structs.entrySet()) {
                if (other.getValue().equals(struct)) {
                    throw new IllegalArgumentException("expected nested records of distinct simple names in "
                            + record.getName() + ", found " + other.getKey().getName() + " and " + type.getName()
                            + ", both struct " + struct);
                }
            }
            struct(type, typeShape, struct);
        }
        return struct;
    }

    private void offsets(StringBuilder out, StateLayout fields, String path, long base) {
        for (StateLayout.Slot slot : fields.slots()) {
            String field = path + CNames.member(slot.field().name());
            assertEquals(out, "offsetof(" + name + ", " + field + ")", base + slot.offset());
            if (slot.nested() != null) {
                offsets(out, slot.nested(), field + ".", base + slot.offset());
            }
        }
    }

    private void assertEquals(StringBuilder out, String expression, long value) {
        out.append(macro()).append(ASSERT).append("(").append(expression).append(" == ").append(value).append(", \"").append(name)
                .append(": expected the host's layout of ").append(record.getSimpleName()).append(", found ")
                .append(expression).append(" otherwise\");\n");
    }
}
