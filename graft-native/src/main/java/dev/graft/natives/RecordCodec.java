package dev.graft.natives;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a record of primitives to and from its C struct: fields in component order, C padding
 * between them. Built once per record type at link time; records are the path of values, not the
 * fast path, so fields go through boxed accessor handles.
 */
final class RecordCodec {

    private final Class<?> type;
    private final StructLayout layout;
    private final List<NativeType.Scalar> fields;
    private final long[] offsets;
    private final MethodHandle[] accessors; // (Object) -> Object
    private final MethodHandle constructor; // (Object[]) -> Object

    private RecordCodec(Class<?> type, NativeType.Struct struct) {
        this.type = type;
        this.fields = struct.fields();
        List<MemoryLayout> named = new ArrayList<>();
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            named.add(fields.get(i).layout().withName(components[i].getName()));
        }
        this.layout = CStruct.of(named);
        this.offsets = new long[components.length];
        this.accessors = new MethodHandle[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            for (int i = 0; i < components.length; i++) {
                offsets[i] = layout.byteOffset(MemoryLayout.PathElement.groupElement(components[i].getName()));
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                types[i] = components[i].getType();
            }
            this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("expected record " + type.getName()
                    + " to be public with a public canonical constructor, found " + e, e);
        }
    }

    static RecordCodec of(Class<?> type) {
        return new RecordCodec(type, (NativeType.Struct) NativeType.of(type));
    }

    StructLayout layout() {
        return layout;
    }

    Class<?> type() {
        return type;
    }

    /** Writes a record's fields into a struct. */
    void write(Object record, MemorySegment struct) {
        if (record == null) {
            throw new NullPointerException("a " + type.getSimpleName() + " passed to a native plugin is a C struct "
                    + "by value and cannot be null");
        }
        try {
            for (int i = 0; i < accessors.length; i++) {
                Object value = accessors[i].invokeExact(record);
                switch (fields.get(i)) {
                    case I32 -> struct.set(ValueLayout.JAVA_INT, offsets[i], (Integer) value);
                    case I64 -> struct.set(ValueLayout.JAVA_LONG, offsets[i], (Long) value);
                    case F32 -> struct.set(ValueLayout.JAVA_FLOAT, offsets[i], (Float) value);
                    case F64 -> struct.set(ValueLayout.JAVA_DOUBLE, offsets[i], (Double) value);
                    case BOOL -> struct.set(ValueLayout.JAVA_BOOLEAN, offsets[i], (Boolean) value);
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading record " + type.getName() + " failed", t);
        }
    }

    /** Builds a record from a struct's fields. */
    Object read(MemorySegment struct) {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (fields.get(i)) {
                case I32 -> struct.get(ValueLayout.JAVA_INT, offsets[i]);
                case I64 -> struct.get(ValueLayout.JAVA_LONG, offsets[i]);
                case F32 -> struct.get(ValueLayout.JAVA_FLOAT, offsets[i]);
                case F64 -> struct.get(ValueLayout.JAVA_DOUBLE, offsets[i]);
                case BOOL -> struct.get(ValueLayout.JAVA_BOOLEAN, offsets[i]);
            };
        }
        try {
            return (Object) constructor.invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("constructing record " + type.getName() + " failed", t);
        }
    }
}
