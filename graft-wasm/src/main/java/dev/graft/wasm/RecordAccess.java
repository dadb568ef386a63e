package dev.graft.wasm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a record a guest passes a host function from its struct in guest memory, and writes a
 * record a host function returns into the struct the guest's result pointer names, as
 * {@link RecordLayout} lays it out. Through method handles on the record's canonical constructor
 * and accessors, made once per host function at link time: records are the rare, larger case of
 * a host call; numbers, strings and bytes go through generated code ({@link HostFunctionGenerator}).
 */
final class RecordAccess {

    private final RecordLayout layout;
    private final MethodHandle constructor; // (Object[]) -> record
    private final MethodHandle[] accessors; // (Object) -> Object
    private final RecordAccess[] nested;

    private RecordAccess(RecordLayout layout) {
        this.layout = layout;
        List<RecordLayout.Field> fields = layout.fields();
        RecordComponent[] components = layout.type().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        this.accessors = new MethodHandle[fields.size()];
        this.nested = new RecordAccess[fields.size()];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                if (fields.get(i).type().abi() == AbiType.RECORD) {
                    nested[i] = new RecordAccess(fields.get(i).type().layout());
                }
            }
            this.constructor = lookup.findConstructor(layout.type(), MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("expected record " + layout.type().getName() + " to have a public canonical"
                    + " constructor and accessors, found " + e, e);
        }
    }

    /** @throws IllegalArgumentException if the record's constructor or accessors are not public */
    static RecordAccess of(RecordLayout layout) {
        return new RecordAccess(layout);
    }

    int size() {
        return layout.size();
    }

    /** The record in the struct at {@code ptr}, after checking it lies in memory; its strings copied and checked as UTF-8. */
    Object read(HostCalls calls, long ptr) {
        return readAt(calls, calls.span(ptr, layout.size(), "a " + layout.type().getSimpleName() + " argument"));
    }

    private Object readAt(HostCalls calls, int addr) {
        List<RecordLayout.Field> fields = layout.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            int at = addr + fields.get(i).offset();
            values[i] = switch (fields.get(i).type().abi()) {
                case I32 -> calls.readI32(at);
                case I64 -> calls.readI64(at);
                case F32 -> calls.readF32(at);
                case F64 -> calls.readF64(at);
                case BOOL -> calls.readBool(at);
                case STR -> calls.string(calls.readI32(at), calls.readI32(at + 4));
                case BYTES -> calls.bytes(calls.readI32(at), calls.readI32(at + 4));
                case BUFFER -> calls.buffer(calls.readI32(at), calls.readI32(at + 4));
                case RECORD -> nested[i].readAt(calls, at);
                case VOID -> throw new IllegalStateException("void component");
            };
        }
        try {
            return constructor.invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Writes {@code value} into the struct at {@code addr} (checked by the caller), its strings
     * and bytes into buffers from the guest's graft_alloc; if one cannot be placed, frees those
     * already allocated, last first, and throws. A null record or component is written as zeros.
     */
    void write(HostCalls calls, int addr, Object value) {
        Taken taken = new Taken();
        try {
            writeAt(calls, addr, value, taken);
        } catch (RuntimeException | Error e) {
            for (int i = taken.count - 2; i >= 0; i -= 2) {
                calls.release(taken.buffers[i], taken.buffers[i + 1]);
            }
            throw e;
        }
    }

    private void writeAt(HostCalls calls, int addr, Object value, Taken taken) {
        List<RecordLayout.Field> fields = layout.fields();
        for (int i = 0; i < fields.size(); i++) {
            int at = addr + fields.get(i).offset();
            Object v = value == null ? null : get(i, value);
            switch (fields.get(i).type().abi()) {
                case I32 -> calls.writeI32(at, v == null ? 0 : (Integer) v);
                case I64 -> calls.writeI64(at, v == null ? 0 : (Long) v);
                case F32 -> calls.writeF32(at, v == null ? 0 : (Float) v);
                case F64 -> calls.writeF64(at, v == null ? 0 : (Double) v);
                case BOOL -> calls.writeBool(at, v != null && (Boolean) v);
                case STR -> taken.add(calls, at, HostCalls.utf8((String) v));
                case BYTES -> taken.add(calls, at, (byte[]) v);
                case BUFFER -> taken.add(calls, at, HostCalls.copy((ByteBuffer) v));
                case RECORD -> nested[i].writeAt(calls, at, v, taken);
                case VOID -> throw new IllegalStateException("void component");
            }
        }
    }

    /** The buffers one result took so far, {ptr, len} pairs in allocation order. */
    private static final class Taken {
        int[] buffers = new int[8];
        int count;

        void add(HostCalls calls, int at, byte[] bytes) {
            int ptr = calls.putBytesAt(at, bytes);
            if (ptr != 0) {
                if (count + 2 > buffers.length) {
                    buffers = Arrays.copyOf(buffers, 2 * buffers.length);
                }
                buffers[count++] = ptr;
                buffers[count++] = bytes.length;
            }
        }
    }

    private Object get(int component, Object record) {
        try {
            return accessors[component].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
