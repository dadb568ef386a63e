package dev.graft.cli.dev;

import java.nio.ByteBuffer;

/**
 * A contract method's parameter or result type, as the skeletons of other languages see it
 * (DESIGN.md's cross-language mapping): which stub a skeleton writes and which default it returns.
 */
enum GuestValue {
    VOID, I32, I64, F32, F64, BOOL, STR, BYTES, RECORD, OTHER;

    static GuestValue of(Class<?> type) {
        if (type == void.class) {
            return VOID;
        } else if (type == int.class) {
            return I32;
        } else if (type == long.class) {
            return I64;
        } else if (type == float.class) {
            return F32;
        } else if (type == double.class) {
            return F64;
        } else if (type == boolean.class) {
            return BOOL;
        } else if (type == String.class) {
            return STR;
        } else if (type == byte[].class || type == ByteBuffer.class) {
            return BYTES;
        }
        return type.isRecord() ? RECORD : OTHER;
    }
}
