package dev.graft.natives;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A type as it crosses the C ABI, written as signatures write it (DESIGN.md, "Cross-language
 * contract"): {@code i32}, {@code i64}, {@code f32}, {@code f64}, {@code bool}, {@code str} (UTF-8
 * and a length), {@code bytes} (pointer and length) and records of primitives as C structs,
 * {@code Point{i32, i32}}. Two types are the same when their notation is.
 */
sealed interface NativeType {

    /** How signatures write the type. */
    String notation();

    /** A primitive: one C scalar, passed in a register. */
    enum Scalar implements NativeType {
        I32("i32", int.class, ValueLayout.JAVA_INT, "int32_t"),
        I64("i64", long.class, ValueLayout.JAVA_LONG, "int64_t"),
        F32("f32", float.class, ValueLayout.JAVA_FLOAT, "float"),
        F64("f64", double.class, ValueLayout.JAVA_DOUBLE, "double"),
        BOOL("bool", boolean.class, ValueLayout.JAVA_BOOLEAN, "bool");

        private final String notation;
        private final Class<?> java;
        private final ValueLayout layout;
        private final String c;

        Scalar(String notation, Class<?> java, ValueLayout layout, String c) {
            this.notation = notation;
            this.java = java;
            this.layout = layout;
            this.c = c;
        }

        @Override
        public String notation() {
            return notation;
        }

        Class<?> javaType() {
            return java;
        }

        ValueLayout layout() {
            return layout;
        }

        /** The C type, as graft.h and bindgen write it. */
        String cType() {
            return c;
        }

        /** Fits in the lower half of a graft_result, so it comes back in a register. */
        boolean packable() {
            return this != I64 && this != F64;
        }
    }

    /** A pointer and a length: {@code str} is UTF-8 text, {@code bytes} is a byte[] or ByteBuffer. */
    enum Bytes implements NativeType {
        STR("str"),
        BYTES("bytes");

        private final String notation;

        Bytes(String notation) {
            this.notation = notation;
        }

        @Override
        public String notation() {
            return notation;
        }
    }

    /** A record of primitives, passed and returned as a C struct of its fields, in order. */
    record Struct(String name, List<Scalar> fields) implements NativeType {

        public Struct {
            fields = List.copyOf(fields);
        }

        @Override
        public String notation() {
            return name + fields.stream().map(Scalar::notation).collect(Collectors.joining(", ", "{", "}"));
        }

        /** The C layout, with the padding a C compiler puts between fields. */
        MemoryLayout layout() {
            return CStruct.of(fields.stream().map(f -> (MemoryLayout) f.layout()).toList());
        }
    }

    /**
     * The native type of a Java parameter or result type.
     *
     * @throws IllegalArgumentException naming the type when native plugins cannot carry it
     */
    static NativeType of(Class<?> type) {
        for (Scalar s : Scalar.values()) {
            if (s.javaType() == type) {
                return s;
            }
        }
        if (type == String.class) {
            return Bytes.STR;
        }
        if (type == byte[].class || type == ByteBuffer.class) {
            return Bytes.BYTES;
        }
        if (type.isRecord()) {
            List<Scalar> fields = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                NativeType field = of(c.getType());
                if (!(field instanceof Scalar scalar)) {
                    throw new IllegalArgumentException("expected record " + type.getSimpleName()
                            + " to hold only int, long, float, double or boolean, found " + c.getType().getSimpleName()
                            + " " + c.getName());
                }
                fields.add(scalar);
            }
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("expected record " + type.getSimpleName()
                        + " to have at least one component, found none");
            }
            return new Struct(type.getSimpleName(), fields);
        }
        throw new IllegalArgumentException("expected int, long, float, double, boolean, String, byte[], ByteBuffer "
                + "or a record of those primitives, found " + type.getSimpleName());
    }

    /** Whether a result of this type comes back in the graft_result word rather than through an out pointer. */
    static boolean returnedInRegister(NativeType result) {
        return result == null || result instanceof Scalar s && s.packable();
    }
}
