package dev.graft.polyglot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * How one Java type of a contract crosses into a guest language and back (docs/polyglot-plugins.md,
 * "Type mapping"): numbers and booleans as the language's own, {@code String} as a string,
 * {@code byte[]} as an array of numbers 0 to 255 (back: any array or buffer of such numbers, a
 * {@code Uint8Array}, Python {@code bytes}), a record as an object with a member per component
 * (back: an object with those members, or a dictionary with those keys). Going into the guest a
 * value is copied, never shared: a guest cannot change the host's array.
 *
 * <p>Values coming back are checked: a number that does not fit the Java type (a fraction for an
 * {@code int}, 2^40 for an {@code int}) is refused with a {@link Mismatch} saying what was
 * expected and found, never rounded.
 */
abstract sealed class GuestType {

    /** A guest value the Java type cannot hold; the caller adds plugin and function. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** The type as link messages write it: {@code int}, {@code String}, {@code Point}. */
    abstract String name();

    /** The value handed to the guest for this Java value (the polyglot API's host-to-guest forms). */
    abstract Object toGuest(Object value);

    /** The Java value for this guest value. */
    abstract Object toJava(Value value);

    /** Whether the type can cross: the Java types of DESIGN.md's mapping and records of them. */
    static boolean supported(Class<?> type) {
        return type == void.class || type == int.class || type == long.class || type == double.class
                || type == float.class || type == short.class || type == byte.class || type == boolean.class
                || type == String.class || type == byte[].class
                || type.isRecord() && java.util.Arrays.stream(type.getRecordComponents()).allMatch(c -> supported(c.getType()) && c.getType() != void.class);
    }

    /** The mapping of a supported type ({@link #supported}). */
    static GuestType of(Class<?> type) {
        if (type == void.class) {
            return new Void();
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            return new Integral(type);
        }
        if (type == double.class || type == float.class) {
            return new Floating(type);
        }
        if (type == boolean.class) {
            return new Plain("boolean", GuestResults::asBoolean);
        }
        if (type == String.class) {
            return new Plain("String", GuestResults::asString);
        }
        if (type == byte[].class) {
            return new Bytes();
        }
        if (type.isRecord()) {
            return new Struct(type);
        }
        throw new IllegalArgumentException("expected a type of the polyglot mapping, found " + type.getName());
    }

    /** A guest value in a message: {@code 3.5}, {@code the string "x"}, {@code undefined}. */
    static String describe(Value value) {
        if (value.isNull()) {
            return value.toString(); // undefined, null, None
        }
        if (value.isString()) {
            String s = value.asString();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        String text = value.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        if (value.canExecute()) {
            return "a function " + text;
        }
        Value meta = value.getMetaObject();
        return (meta == null ? "a value " : "a " + meta.getMetaSimpleName() + " ") + text;
    }

    private static final class Void extends GuestType {
        @Override
        String name() {
            return "void";
        }

        @Override
        Object toGuest(Object value) {
            throw new UnsupportedOperationException("void is no argument");
        }

        @Override
        Object toJava(Value value) {
            return null;
        }
    }

    private static final class Integral extends GuestType {
        private final Class<?> type;

        Integral(Class<?> type) {
            this.type = type;
        }

        @Override
        String name() {
            return type.getName();
        }

        @Override
        Object toGuest(Object value) {
            return value;
        }

        @Override
        Object toJava(Value value) {
            if (type == int.class) {
                return GuestResults.asInt(value);
            }
            if (type == long.class) {
                return GuestResults.asLong(value);
            }
            return type == short.class ? (Object) GuestResults.asShort(value) : (Object) GuestResults.asByte(value);
        }
    }

    private static final class Floating extends GuestType {
        private final Class<?> type;

        Floating(Class<?> type) {
            this.type = type;
        }

        @Override
        String name() {
            return type.getName();
        }

        @Override
        Object toGuest(Object value) {
            return value instanceof Float f ? (double) f : value; // a float is a double to both languages
        }

        @Override
        Object toJava(Value value) {
            return type == double.class ? (Object) GuestResults.asDouble(value) : (Object) GuestResults.asFloat(value);
        }
    }

    /** A type the guest has as it is: {@code boolean} and {@code String} (which may also come back as null). */
    private static final class Plain extends GuestType {
        private final String name;
        private final Function<Value, Object> as;

        Plain(String name, Function<Value, Object> as) {
            this.name = name;
            this.as = as;
        }

        @Override
        String name() {
            return name;
        }

        @Override
        Object toGuest(Object value) {
            return value;
        }

        @Override
        Object toJava(Value value) {
            return as.apply(value);
        }
    }

    /** {@code byte[]}: into the guest an array of numbers 0 to 255 over a copy; back any array or byte buffer. */
    private static final class Bytes extends GuestType {
        @Override
        String name() {
            return "byte[]";
        }

        @Override
        Object toGuest(Object value) {
            if (value == null) {
                return null;
            }
            byte[] copy = ((byte[]) value).clone();
            return new ProxyArray() {
                @Override
                public Object get(long index) {
                    return copy[(int) index] & 0xff;
                }

                @Override
                public void set(long index, Value v) {
                    if (!v.fitsInInt() || v.asInt() < 0 || v.asInt() > 255) {
                        throw new IllegalArgumentException("expected a byte (0 to 255), found " + describe(v));
                    }
                    copy[(int) index] = (byte) v.asInt();
                }

                @Override
                public long getSize() {
                    return copy.length;
                }
            };
        }

        @Override
        Object toJava(Value value) {
            if (value.isNull()) {
                return null;
            }
            if (value.hasBufferElements()) {
                long size = value.getBufferSize();
                byte[] bytes = new byte[Math.toIntExact(size)];
                value.readBuffer(0, bytes, 0, bytes.length);
                return bytes;
            }
            if (value.hasArrayElements()) {
                long size = value.getArraySize();
                if (size > Integer.MAX_VALUE) {
                    throw new Mismatch("expected at most " + Integer.MAX_VALUE + " bytes, found an array of " + size);
                }
                byte[] bytes = new byte[(int) size];
                for (int i = 0; i < bytes.length; i++) {
                    Value element = value.getArrayElement(i);
                    if (!element.fitsInInt() || element.asInt() < 0 || element.asInt() > 255) {
                        throw new Mismatch("expected bytes (numbers 0 to 255), found " + describe(element) + " at index " + i);
                    }
                    bytes[i] = (byte) element.asInt();
                }
                return bytes;
            }
            throw new Mismatch("expected bytes (an array of numbers 0 to 255, a Uint8Array or Python bytes), found "
                    + describe(value));
        }
    }

    /** A record: an object with a member per component into the guest; back an object with those members or a dictionary. */
    private static final class Struct extends GuestType {
        private final Class<?> type;
        private final String[] names;
        private final GuestType[] components;
        private final MethodHandle[] accessors;
        private final MethodHandle constructor;

        Struct(Class<?> type) {
            this.type = type;
            RecordComponent[] rc = type.getRecordComponents();
            names = new String[rc.length];
            components = new GuestType[rc.length];
            accessors = new MethodHandle[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (int i = 0; i < rc.length; i++) {
                    names[i] = rc[i].getName();
                    components[i] = GuestType.of(rc[i].getType());
                    // typed (Object) -> Object, so that a call's invokeExact needs no adaptation at run time (G6)
                    accessors[i] = lookup.unreflect(rc[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                    types[i] = rc[i].getType();
                }
                constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                        .asSpreader(Object[].class, types.length).asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("expected a public record with a public canonical constructor, found "
                        + type.getName() + " (" + e + ")", e);
            }
        }

        @Override
        String name() {
            return type.getSimpleName();
        }

        @Override
        Object toGuest(Object value) {
            if (value == null) {
                return null;
            }
            Map<String, Object> members = new LinkedHashMap<>();
            try {
                for (int i = 0; i < names.length; i++) {
                    members.put(names[i], components[i].toGuest((Object) accessors[i].invokeExact(value)));
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            return ProxyObject.fromMap(members);
        }

        @Override
        Object toJava(Value value) {
            if (value.isNull()) {
                return null;
            }
            boolean dictionary = value.hasHashEntries();
            if (!dictionary && !value.hasMembers()) {
                throw new Mismatch("expected " + shape() + ", found " + describe(value));
            }
            Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Value member = dictionary ? (value.hasHashEntry(names[i]) ? value.getHashValue(names[i]) : null)
                        : (value.hasMember(names[i]) ? value.getMember(names[i]) : null);
                if (member == null) {
                    throw new Mismatch("expected " + shape() + ", found " + describe(value) + " without "
                            + (dictionary ? "key '" : "member ") + names[i] + (dictionary ? "'" : ""));
                }
                try {
                    args[i] = components[i].toJava(member);
                } catch (Mismatch e) {
                    throw new Mismatch(type.getSimpleName() + "." + names[i] + ": " + e.getMessage());
                }
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (RuntimeException | Error e) {
                throw new Mismatch("expected " + shape() + " its constructor accepts, found it refuses "
                        + describe(value) + ": " + e);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code a record Point {x: int, y: int}}. */
        private String shape() {
            StringBuilder s = new StringBuilder("a record " + type.getSimpleName() + " {");
            for (int i = 0; i < names.length; i++) {
                s.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(components[i].name());
            }
            return s.append('}').toString();
        }
    }
}
