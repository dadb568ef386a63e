package dev.graft.wasm;

import com.dylibso.chicory.wasm.types.ValType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * How one Java type of a contract crosses into wasm (DESIGN.md, "Cross-language contract";
 * docs/wasm-plugins.md, "Memory convention"). Numbers travel as wasm values; strings and byte
 * arrays through the guest's linear memory: as a parameter a pointer and a length (two i32), as a
 * result one i64 holding the length in its high half and the pointer in its low half.
 */
enum AbiType {
    I32("i32", int.class, List.of(ValType.I32), ValType.I32),
    I64("i64", long.class, List.of(ValType.I64), ValType.I64),
    F32("f32", float.class, List.of(ValType.F32), ValType.F32),
    F64("f64", double.class, List.of(ValType.F64), ValType.F64),
    /** A byte in C; an i32 on the wasm stack: 0 is false, anything else true. */
    BOOL("bool", boolean.class, List.of(ValType.I32), ValType.I32),
    STR("str", String.class, List.of(ValType.I32, ValType.I32), ValType.I64),
    BYTES("bytes", byte[].class, List.of(ValType.I32, ValType.I32), ValType.I64),
    /** The bytes between a buffer's position and limit; a result is a new heap buffer. */
    BUFFER("bytes", ByteBuffer.class, List.of(ValType.I32, ValType.I32), ValType.I64),
    /**
     * A record, laid out as a C struct ({@link RecordLayout}): as a parameter a pointer to it in a
     * buffer the host owns; as a result a pointer to one the guest allocated, which the host frees.
     */
    RECORD("record", null, List.of(ValType.I32), ValType.I32),
    VOID("()", void.class, List.of(), null);

    private final String name;
    private final Class<?> javaType;
    private final List<ValType> asParameter;
    private final ValType asResult;

    AbiType(String name, Class<?> javaType, List<ValType> asParameter, ValType asResult) {
        this.name = name;
        this.javaType = javaType;
        this.asParameter = asParameter;
        this.asResult = asResult;
    }

    /** The type of a Java parameter or result, if it has a wasm mapping. */
    static Optional<AbiType> of(Class<?> javaType) {
        if (javaType.isRecord()) {
            return Optional.of(RECORD);
        }
        for (AbiType t : values()) {
            if (t.javaType == javaType) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The name messages and bindings use: {@code i32}, {@code str}, {@code bytes}. */
    String contractName() {
        return name;
    }

    /** The wasm values a parameter of this type takes. */
    List<ValType> asParameter() {
        return asParameter;
    }

    /** The wasm value a result of this type is, or {@code null} for none. */
    ValType asResult() {
        return asResult;
    }

    /** Whether the type travels through linear memory, so the module needs memory and the allocator. */
    boolean inMemory() {
        return this == STR || this == BYTES || this == BUFFER || this == RECORD;
    }

    /** The Java types that have a mapping, for messages. */
    static String supported() {
        return "int, long, float, double, boolean, String, byte[], ByteBuffer, public records of these, and void";
    }
}
