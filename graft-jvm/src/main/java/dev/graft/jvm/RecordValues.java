package dev.graft.jvm;

import dev.graft.core.state.StateField;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateType;
import dev.graft.core.state.StateValues;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between a state record and the kind-neutral value tree of
 * {@link dev.graft.core.state.StateValues}: records to maps by component name, enums to constant
 * names, {@code byte[]} copied, collections element by element. Records are built through their
 * canonical constructors, so a record's own checks (a compact constructor) run on every value
 * handed over.
 *
 * <p>Reflection is used here, at a load or at a reload's quiesce point, never on the path of a call.
 * Components are reached with {@code setAccessible}: a plugin's record may be package-private, and a
 * plugin's classes live in its class loader's unnamed module, which opens every package.
 */
final class RecordValues {

    /** A record could not be built from a tree; {@code field} is the path of the value that failed, "" for the state itself. */
    static final class BuildException extends Exception {
        private final String field;

        BuildException(String field, String message, Throwable cause) {
            super(message, cause);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private RecordValues() {
    }

    /** The tree of a record: its components by name, in order. */
    static Map<String, Object> tree(Record record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = accessible(c.getAccessor()).invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read state component " + c.getName() + " of " + record.getClass().getName(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the accessor " + c.getName() + "() of " + record.getClass().getName() + " threw "
                        + e.getCause(), e.getCause());
            }
            out.put(c.getName(), treeValue(value));
        }
        return out;
    }

    private static Object treeValue(Object value) {
        return switch (value) {
            case null -> null;
            case Record r -> tree(r);
            case Enum<?> e -> e.name();
            case byte[] b -> b.clone();
            case List<?> l -> l.stream().map(RecordValues::treeValue).collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
            case Set<?> s -> s.stream().map(RecordValues::treeValue).collect(LinkedHashSet::new, Set::add, Set::addAll);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(treeValue(k), treeValue(v)));
                yield out;
            }
            default -> value; // boxed scalars and Strings are immutable: shared as they are
        };
    }

    /**
     * The record's defaults: the value of its public no-argument constructor if it declares one;
     * else each component at its default (a nested record's own defaults, the zero of anything else).
     */
    static Map<String, Object> defaults(Class<? extends Record> type, StateShape shape) throws BuildException {
        return defaults(type, shape, "");
    }

    private static Map<String, Object> defaults(Class<?> type, StateShape shape, String prefix) throws BuildException {
        Constructor<?> noArg = noArgConstructor(type);
        if (noArg != null) {
            return tree((Record) construct(noArg, new Object[0], type, prefix, "no-argument constructor", "give the defaults"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        RecordComponent[] components = type.getRecordComponents(); // in the order of the shape's fields
        for (int i = 0; i < components.length; i++) {
            StateField field = shape.fields().get(i);
            out.put(field.name(), field.type() instanceof StateType.Struct s
                    ? defaults(components[i].getType(), s.shape(), prefix + field.name() + ".")
                    : StateValues.zero(field.type()));
        }
        return out;
    }

    /** Builds a record of {@code type} from its tree, nested records and collections included. */
    static <S extends Record> S record(Class<S> type, Map<String, Object> tree) throws BuildException {
        return type.cast(record(type, tree, ""));
    }

    private static Object record(Class<?> type, Map<?, ?> tree, String prefix) throws BuildException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String path = prefix + c.getName();
            if (!tree.containsKey(c.getName())) {
                throw new BuildException(path, "expected a value for state field " + path + " (" + c.getGenericType().getTypeName()
                        + "), found none", null);
            }
            args[i] = value(c.getGenericType(), tree.get(c.getName()), path);
        }
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + type.getName(), e);
        }
        return construct(canonical, args, type, prefix, "canonical constructor", "accept " + shortly(tree));
    }

    /** The component value for {@code tree}, which the mapper built for a component of this type. */
    private static Object value(Type type, Object tree, String path) throws BuildException {
        if (type instanceof Class<?> c) {
            if (tree == null) {
                if (c.isPrimitive()) {
                    throw new BuildException(path, "expected a " + c.getName() + " for state field " + path + ", found null", null);
                }
                return null;
            }
            if (c.isRecord() && tree instanceof Map<?, ?> m) {
                return record(c, m, path + ".");
            }
            if (c.isEnum() && tree instanceof String name) {
                for (Object constant : c.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(name)) {
                        return constant;
                    }
                }
                throw new BuildException(path, "expected a constant of " + c.getName() + " for state field " + path + ", found "
                        + name, null);
            }
            if (tree instanceof byte[] b && c == byte[].class) {
                return b.clone();
            }
            if (boxed(c).isInstance(tree)) {
                return tree;
            }
            throw new BuildException(path, "expected a " + c.getName() + " for state field " + path + ", found "
                    + tree.getClass().getName() + " " + shortly(tree), null);
        }
        ParameterizedType p = (ParameterizedType) type; // RecordShapes accepted only classes and List, Set, Map of them
        Type[] args = p.getActualTypeArguments();
        Class<?> raw = (Class<?>) p.getRawType();
        switch (tree) {
            case null -> {
                return null;
            }
            case Map<?, ?> m when raw == Map.class -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(value(args[0], e.getKey(), path + "[]key"), value(args[1], e.getValue(), path + "[]"));
                }
                return Collections.unmodifiableMap(out);
            }
            case Collection<?> all when raw == List.class || raw == Set.class -> {
                Collection<Object> out = raw == List.class ? new ArrayList<>() : new LinkedHashSet<>();
                for (Object e : all) {
                    out.add(value(args[0], e, path + "[]"));
                }
                // unmodifiable views of fresh copies: unlike List.copyOf, they allow the nulls a tree may hold
                return raw == List.class ? Collections.unmodifiableList((List<Object>) out)
                        : Collections.unmodifiableSet((Set<Object>) out);
            }
            default -> throw new BuildException(path, "expected a " + type.getTypeName() + " for state field " + path
                    + ", found " + tree.getClass().getName() + " " + shortly(tree), null);
        }
    }

    /**
     * Calls a record's constructor; what it throws becomes a {@link BuildException} naming the field
     * the record is the value of ("" for the state record itself, whose class the caller names).
     */
    private static Object construct(Constructor<?> constructor, Object[] args, Class<?> type, String prefix, String kind,
                                    String purpose) throws BuildException {
        String field = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        String which = field.isEmpty() ? "its " + kind : "the " + kind + " of " + type.getName();
        String what = purpose + (field.isEmpty() ? "" : " for field " + field);
        try {
            return accessible(constructor).newInstance(args);
        } catch (InvocationTargetException e) {
            throw new BuildException(field, "expected " + which + " to " + what + ", found it threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new BuildException(field, "expected " + which + " to " + what + ", found it cannot be called: " + e, e);
        }
    }

    /** A public constructor taking nothing, which a record declares for its defaults; null if it has none. */
    private static Constructor<?> noArgConstructor(Class<?> type) {
        if (type.getRecordComponents().length == 0) {
            return null; // the canonical constructor itself: the tree is empty either way
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            return Modifier.isPublic(c.getModifiers()) ? c : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A value for a message: cut at 200 characters, since a state may hold long collections. */
    private static String shortly(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.trySetAccessible();
        return member;
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }
}
