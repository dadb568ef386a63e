package dev.graft.wasm;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A record as a C struct in guest memory: its components in declaration order, each at its
 * natural alignment (a bool is one byte, an i64 or f64 eight; a str or bytes is a
 * {@code {i32 ptr, i32 len}} pair, aligned to four; a nested record is laid out inline), the
 * whole padded to its largest alignment: what clang lays out for the struct {@link WasmBindgen}
 * declares.
 *
 * @param fields the components with their offsets
 * @param size   the struct's size in bytes
 * @param align  the struct's alignment in bytes
 */
record RecordLayout(Class<?> type, List<Field> fields, int size, int align) {

    /** One component at its offset. */
    record Field(RecordComponent component, GuestType type, int offset) {
    }

    /**
     * The layout of a record class.
     *
     * @throws IllegalArgumentException if it is not public, or has a component without a mapping
     */
    static RecordLayout of(Class<?> record) {
        return of(record, new ArrayList<>());
    }

    private static RecordLayout of(Class<?> record, List<Class<?>> enclosing) {
        if (enclosing.contains(record)) {
            throw new IllegalArgumentException("expected records without cycles (a C struct cannot contain itself), found "
                    + record.getSimpleName() + " inside itself");
        }
        if (!Modifier.isPublic(record.getModifiers())) {
            throw new IllegalArgumentException("expected record " + record.getName() + " to be public (the generated provider"
                    + " reads and makes it), found it is not");
        }
        List<Field> fields = new ArrayList<>();
        int offset = 0;
        int align = 1;
        for (RecordComponent c : record.getRecordComponents()) {
            GuestType type;
            try {
                if (c.getType().isRecord()) {
                    enclosing.add(record);
                    type = new GuestType(AbiType.RECORD, c.getType(), of(c.getType(), enclosing));
                    enclosing.remove(record);
                } else {
                    type = GuestType.of(c.getType());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("record " + record.getSimpleName() + ", component " + c.getName() + ": "
                        + e.getMessage(), e);
            }
            if (type.abi() == AbiType.VOID) {
                throw new IllegalArgumentException("record " + record.getSimpleName() + ", component " + c.getName() + ": void");
            }
            int fieldAlign = alignOf(type);
            offset = (offset + fieldAlign - 1) / fieldAlign * fieldAlign;
            fields.add(new Field(c, type, offset));
            offset += sizeOf(type);
            align = Math.max(align, fieldAlign);
        }
        int size = (offset + align - 1) / align * align;
        return new RecordLayout(record, List.copyOf(fields), size, align);
    }

    private static int sizeOf(GuestType type) {
        return switch (type.abi()) {
            case BOOL -> 1;
            case I32, F32 -> 4;
            case I64, F64, STR, BYTES, BUFFER -> 8;
            case RECORD -> type.layout().size();
            case VOID -> 0;
        };
    }

    private static int alignOf(GuestType type) {
        return switch (type.abi()) {
            case BOOL -> 1;
            case I32, F32, STR, BYTES, BUFFER -> 4;
            case I64, F64 -> 8;
            case RECORD -> type.layout().align();
            case VOID -> 1;
        };
    }
}
