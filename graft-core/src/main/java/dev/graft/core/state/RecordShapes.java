package dev.graft.core.state;

import dev.graft.api.Fixed;
import dev.graft.api.RenamedFrom;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the state shape a Java record declares: for a JVM plugin's state, and for
 * {@code graft bindgen --state}, which writes a native or wasm guest's state struct from a record so
 * that the Java record stays the one source of truth. Renames come from {@link RenamedFrom}; in a
 * block, a {@code String} or {@code byte[]} needs {@link Fixed} to become {@code char[N]} or
 * {@code u8[N]}.
 *
 * <p>Supported component types: primitives and their boxes, {@code String}, {@code byte[]}, enums,
 * records of these, and {@code List}, {@code Set}, {@code Map} of these. Anything else is an
 * {@link IllegalArgumentException} naming the component and its type.
 */
public final class RecordShapes {

    static final String SUPPORTED = "primitives, their boxes, String, byte[], enums, records, List, Set and Map of these";

    private RecordShapes() {
    }

    /** The shape of a JVM plugin's state record. */
    public static StateShape of(Class<?> type) {
        return shape(type, false, new LinkedHashSet<>(), "");
    }

    /** The shape of a state block declared by a record: String and byte[] components need {@link Fixed}. */
    public static StateShape ofBlock(Class<?> type) {
        StateShape shape = shape(type, true, new LinkedHashSet<>(), "");
        StateLayout.of(shape); // refuses what a block cannot hold, naming the field
        return shape;
    }

    private static StateShape shape(Class<?> type, boolean block, Set<Class<?>> enclosing, String prefix) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("expected a record as state type, found " + describe(type));
        }
        if (!enclosing.add(type)) {
            throw new IllegalArgumentException("expected state records that do not contain themselves, found " + type.getName()
                    + " inside itself at " + prefix.substring(0, Math.max(0, prefix.length() - 1)));
        }
        List<StateField> fields = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            RenamedFrom renamed = c.getAnnotation(RenamedFrom.class);
            Fixed fixed = c.getAnnotation(Fixed.class);
            String path = prefix + c.getName();
            StateType t = type(c.getGenericType(), block, fixed, enclosing, path);
            fields.add(new StateField(c.getName(), t, renamed == null ? null : renamed.value()));
        }
        enclosing.remove(type);
        return new StateShape(fields);
    }

    private static StateType type(Type generic, boolean block, Fixed fixed, Set<Class<?>> enclosing, String path) {
        if (generic instanceof Class<?> c) {
            StateType.Scalar.Kind kind = scalar(c);
            if (kind != null) {
                return new StateType.Scalar(kind, !c.isPrimitive());
            }
            if (c == String.class || c == byte[].class) {
                if (fixed != null) {
                    if (fixed.value() < 1) {
                        throw new IllegalArgumentException("expected @Fixed(N) with N at least 1 on state field " + path
                                + ", found @Fixed(" + fixed.value() + ")");
                    }
                    return new StateType.Fixed(c == String.class, fixed.value());
                }
                if (block) {
                    throw new IllegalArgumentException("expected @Fixed(N) on state field " + path + " (" + c.getSimpleName()
                            + "): a state block holds fixed arrays only");
                }
                return c == String.class ? new StateType.Text() : new StateType.Bytes();
            }
            if (c.isEnum()) {
                List<String> constants = new ArrayList<>();
                for (Object e : c.getEnumConstants()) {
                    constants.add(((Enum<?>) e).name());
                }
                if (constants.isEmpty()) {
                    throw new IllegalArgumentException("expected an enum with constants for state field " + path + ", found "
                            + c.getName() + " with none");
                }
                return new StateType.EnumOf(c.getSimpleName(), constants);
            }
            if (c.isRecord()) {
                return new StateType.Struct(shape(c, block, enclosing, path + "."));
            }
            throw unsupported(path, c.getName());
        }
        if (generic instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return StateType.Collection.list(type(args[0], block, null, enclosing, path + "[]"));
            }
            if (raw == Set.class) {
                return StateType.Collection.set(type(args[0], block, null, enclosing, path + "[]"));
            }
            if (raw == Map.class) {
                return StateType.Collection.map(type(args[0], block, null, enclosing, path + "[]key"),
                        type(args[1], block, null, enclosing, path + "[]"));
            }
        }
        throw unsupported(path, generic.getTypeName());
    }

    private static IllegalArgumentException unsupported(String path, String type) {
        return new IllegalArgumentException("expected a state field of a supported type (" + SUPPORTED + "), found "
                + path + ": " + type);
    }

    private static StateType.Scalar.Kind scalar(Class<?> c) {
        if (c == boolean.class || c == Boolean.class) {
            return StateType.Scalar.Kind.BOOL;
        } else if (c == byte.class || c == Byte.class) {
            return StateType.Scalar.Kind.I8;
        } else if (c == short.class || c == Short.class) {
            return StateType.Scalar.Kind.I16;
        } else if (c == char.class || c == Character.class) {
            return StateType.Scalar.Kind.U16;
        } else if (c == int.class || c == Integer.class) {
            return StateType.Scalar.Kind.I32;
        } else if (c == long.class || c == Long.class) {
            return StateType.Scalar.Kind.I64;
        } else if (c == float.class || c == Float.class) {
            return StateType.Scalar.Kind.F32;
        } else if (c == double.class || c == Double.class) {
            return StateType.Scalar.Kind.F64;
        }
        return null;
    }

    private static String describe(Class<?> type) {
        String what = type.isInterface() ? "an interface" : type.isEnum() ? "an enum" : type.isArray() ? "an array"
                : type.isPrimitive() ? "a primitive" : "a class";
        return type.getName() + " (" + what + ")";
    }
}
