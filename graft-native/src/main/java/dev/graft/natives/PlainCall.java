package dev.graft.natives;

import static java.lang.invoke.MethodType.methodType;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls a function of a library that knows nothing of Graft, as a sidecar file describes it: a C
 * prototype in the notation {@code crc32(u64, ptr, u32) -> u64}. Such a function has no status and
 * cannot report failure; it returns its value directly.
 *
 * <p>Java parameters take C parameters in order: {@code int} an {@code i32} or {@code u32},
 * {@code long} an {@code i64} or {@code u64}, {@code float} {@code f32}, {@code double}
 * {@code f64}, {@code boolean} {@code bool}; {@code byte[]} and {@code ByteBuffer} a {@code ptr}
 * and an integer length; {@code String} a {@code cstr} (NUL-terminated UTF-8) or a {@code ptr} and
 * a length. Results: the same scalars, {@code cstr} for a String the library keeps, or none.
 */
final class PlainCall {

    enum CType {
        I32(ValueLayout.JAVA_INT), U32(ValueLayout.JAVA_INT), I64(ValueLayout.JAVA_LONG), U64(ValueLayout.JAVA_LONG),
        F32(ValueLayout.JAVA_FLOAT), F64(ValueLayout.JAVA_DOUBLE), BOOL(ValueLayout.JAVA_BOOLEAN),
        PTR(ValueLayout.ADDRESS), CSTR(ValueLayout.ADDRESS);

        final MemoryLayout layout;

        CType(MemoryLayout layout) {
            this.layout = layout;
        }

        boolean integer() {
            return this == I32 || this == U32 || this == I64 || this == U64;
        }

        String notation() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code symbol(type, ...) -> type}; {@code result} is null for none. */
    record Prototype(String symbol, List<CType> params, CType result) {

        private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^)]*)\\)\\s*(?:->\\s*([a-z0-9]+)\\s*)?");

        static Prototype parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a C prototype such as crc32(u64, ptr, u32) -> u64, found '" + text + "'");
            }
            List<CType> params = new ArrayList<>();
            if (!m.group(2).isBlank()) {
                for (String p : m.group(2).split(",")) {
                    params.add(type(p.strip(), text));
                }
            }
            return new Prototype(m.group(1), params, m.group(3) == null ? null : type(m.group(3), text));
        }

        private static CType type(String word, String text) {
            try {
                return CType.valueOf(word.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a C type (i32, u32, i64, u64, f32, f64, bool, ptr, cstr) in '"
                        + text + "', found '" + word + "'");
            }
        }

        @Override
        public String toString() {
            return symbol + params.stream().map(CType::notation).collect(Collectors.joining(", ", "(", ")"))
                    + (result == null ? "" : " -> " + result.notation());
        }
    }

    private PlainCall() {
    }

    /**
     * The shape a prototype must have for a Java method, as an error message writes it:
     * {@code crc32(i64|u64, ptr, i32|u32|i64|u64) -> i64|u64}.
     */
    static String expectedShape(Method method, String symbol) {
        List<String> params = new ArrayList<>();
        for (Class<?> p : method.getParameterTypes()) {
            params.add(p == String.class ? "cstr | ptr, <integer>" : p == byte[].class || p == ByteBuffer.class
                    ? "ptr, <integer>" : scalar(p));
        }
        Class<?> r = method.getReturnType();
        return symbol + "(" + String.join(", ", params) + ")" + (r == void.class ? "" : " -> " + (r == String.class ? "cstr" : scalar(r)));
    }

    private static String scalar(Class<?> type) {
        if (type == int.class) {
            return "i32|u32";
        }
        if (type == long.class) {
            return "i64|u64";
        }
        if (type == float.class) {
            return "f32";
        }
        if (type == double.class) {
            return "f64";
        }
        if (type == boolean.class) {
            return "bool";
        }
        return "<" + type.getSimpleName() + ": not supported by plain C bindings>";
    }

    /**
     * The handle for {@code method} calling the function at {@code address}, or null when the
     * prototype does not fit the method (the caller reports {@link #expectedShape}).
     */
    static MethodHandle bind(Method method, Prototype prototype, MemorySegment address, GuestFunction guest) {
        Class<?>[] javaParams = method.getParameterTypes();
        Class<?> javaResult = method.getReturnType();
        List<CType> c = prototype.params();
        // match Java parameters to C parameters, remembering where each Java parameter starts
        int[] start = new int[javaParams.length];
        int at = 0;
        for (int i = 0; i < javaParams.length; i++) {
            start[i] = at;
            Class<?> p = javaParams[i];
            if (p == String.class && at < c.size() && c.get(at) == CType.CSTR) {
                at += 1;
            } else if (p == String.class || p == byte[].class || p == ByteBuffer.class) {
                if (at + 1 >= c.size() || c.get(at) != CType.PTR || !c.get(at + 1).integer()) {
                    return null;
                }
                at += 2;
            } else if (at < c.size() && fits(p, c.get(at))) {
                at += 1;
            } else {
                return null;
            }
        }
        if (at != c.size() || !(javaResult == void.class ? prototype.result() == null
                : javaResult == String.class ? prototype.result() == CType.CSTR
                : prototype.result() != null && fits(javaResult, prototype.result()))) {
            return null;
        }

        MemoryLayout[] layouts = c.stream().map(t -> t.layout).toArray(MemoryLayout[]::new);
        FunctionDescriptor descriptor = prototype.result() == null ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(prototype.result().layout, layouts);
        MethodHandle h = GuestCall.LINKER.downcallHandle(address, descriptor);
        if (javaResult == String.class) {
            h = MethodHandles.filterReturnValue(h, MethodHandles.insertArguments(
                    GuestCall.marshal("readCString", methodType(String.class, GuestFunction.class, MemorySegment.class)), 0, guest));
        }
        for (int i = javaParams.length - 1; i >= 0; i--) {
            Class<?> p = javaParams[i];
            int position = start[i];
            if (p == String.class && c.get(position) == CType.CSTR) {
                h = MethodHandles.collectArguments(h, position,
                        GuestCall.marshal("utf8", methodType(MemorySegment.class, Arena.class, String.class)));
            } else if (p == String.class || p == byte[].class || p == ByteBuffer.class) {
                boolean wide = c.get(position + 1) == CType.I64 || c.get(position + 1) == CType.U64;
                String length = p == String.class ? (wide ? "utf8Length" : "utf8IntLength") : (wide ? "length" : "intLength");
                h = MethodHandles.filterArguments(h, position + 1,
                        GuestCall.marshal(length, methodType(wide ? long.class : int.class, MemorySegment.class)));
                h = GuestCall.mergeWithNext(h, position);
                MethodHandle toSegment = p == String.class
                        ? GuestCall.marshal("utf8", methodType(MemorySegment.class, Arena.class, String.class))
                        : p == byte[].class
                        ? GuestCall.marshal("copiedBytes", methodType(MemorySegment.class, Arena.class, byte[].class))
                        : MethodHandles.insertArguments(GuestCall.marshal("buffer",
                                methodType(MemorySegment.class, Arena.class, ByteBuffer.class, boolean.class)), 2, false);
                h = MethodHandles.collectArguments(h, position, toSegment);
            }
        }
        return GuestCall.withArena(h, methodType(javaResult, javaParams));
    }

    private static boolean fits(Class<?> java, CType c) {
        return java == int.class && (c == CType.I32 || c == CType.U32)
                || java == long.class && (c == CType.I64 || c == CType.U64)
                || java == float.class && c == CType.F32
                || java == double.class && c == CType.F64
                || java == boolean.class && c == CType.BOOL;
    }
}
