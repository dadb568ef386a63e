package dev.graft.core.state;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of a state shape lives in a host-owned state block: the layout of the C struct
 * that {@code graft bindgen --state} writes for native and wasm guests (natural alignment, as gcc,
 * clang and rustc's {@code #[repr(C)]} lay out a struct on every 32- and 64-bit target Graft runs
 * on: a field at the next multiple of its alignment, the struct's size a multiple of its largest
 * alignment). {@code bool} is one byte (0 or 1); {@code char[N]} holds UTF-8 text padded with NUL
 * bytes (a text of exactly N bytes has no NUL); {@code u8[N]} raw bytes.
 *
 * <p>Only scalars (not nullable), fixed arrays and structs of these can live in a block; anything
 * else is refused with an {@link IllegalArgumentException} naming the field and its type.
 */
public final class StateLayout {

    /** One field's place: its offset from the start of the block (or of its enclosing struct). */
    public record Slot(StateField field, long offset, long size, long alignment, StateLayout nested) {
    }

    private final StateShape shape;
    private final List<Slot> slots;
    private final long size;
    private final long alignment;

    private StateLayout(StateShape shape, List<Slot> slots, long size, long alignment) {
        this.shape = shape;
        this.slots = List.copyOf(slots);
        this.size = size;
        this.alignment = alignment;
    }

    /** Lays out a shape; refuses types a block cannot hold. */
    public static StateLayout of(StateShape shape) {
        return of(shape, "");
    }

    private static StateLayout of(StateShape shape, String prefix) {
        List<Slot> slots = new ArrayList<>();
        long offset = 0;
        long maxAlign = 1;
        for (StateField f : shape.fields()) {
            StateLayout nested = null;
            long size;
            long align;
            switch (f.type()) {
                case StateType.Scalar s when !s.boxed() -> {
                    size = s.kind().size();
                    align = size;
                }
                case StateType.Fixed x -> {
                    size = x.length();
                    align = 1;
                }
                case StateType.Struct s -> {
                    nested = of(s.shape(), prefix + f.name() + ".");
                    size = nested.size;
                    align = nested.alignment;
                }
                default -> throw new IllegalArgumentException("expected a state block field of type bool, i8, i16, u16, i32, "
                        + "i64, f32, f64, u8[N], char[N] or struct{...}, found " + prefix + f.name() + ": " + f.type()
                        + (f.type() instanceof StateType.Scalar ? " (nullable scalars are for JVM state only)"
                        : " (only JVM state records hold " + f.type() + ")"));
            }
            offset = align(offset, align);
            slots.add(new Slot(f, offset, size, align, nested));
            offset += size;
            maxAlign = Math.max(maxAlign, align);
        }
        return new StateLayout(shape, slots, align(Math.max(offset, 1), maxAlign), maxAlign);
    }

    private static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    public StateShape shape() {
        return shape;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** The struct's size in bytes: C's {@code sizeof}. */
    public long size() {
        return size;
    }

    /** The struct's alignment: C's {@code _Alignof}. */
    public long alignment() {
        return alignment;
    }

    /** The offset of a field path ({@code origin.x}) from the start of the block. */
    public long offsetOf(String path) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        for (Slot s : slots) {
            if (s.field().name().equals(head)) {
                return dot < 0 ? s.offset() : s.offset() + s.nested().offsetOf(path.substring(dot + 1));
            }
        }
        throw new IllegalArgumentException("expected a field of " + shape + ", found '" + path + "'");
    }

    /** Reads a block (at least {@link #size} bytes) into a value. */
    public Map<String, Object> read(MemorySegment block) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (Slot s : slots) {
            value.put(s.field().name(), read(s, block.asSlice(s.offset(), s.size())));
        }
        return value;
    }

    private static Object read(Slot s, MemorySegment at) {
        return switch (s.field().type()) {
            case StateType.Scalar x -> switch (x.kind()) {
                case BOOL -> at.get(ValueLayout.JAVA_BYTE, 0) != 0;
                case I8 -> at.get(ValueLayout.JAVA_BYTE, 0);
                case I16 -> at.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
                case U16 -> at.get(ValueLayout.JAVA_CHAR_UNALIGNED, 0);
                case I32 -> at.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
                case I64 -> at.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
                case F32 -> at.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0);
                case F64 -> at.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 0);
            };
            case StateType.Fixed f -> {
                byte[] bytes = at.toArray(ValueLayout.JAVA_BYTE);
                if (!f.chars()) {
                    yield bytes;
                }
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                yield new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            case StateType.Struct st -> s.nested().read(at);
            default -> throw new IllegalStateException("not a block type: " + s.field().type());
        };
    }

    /** Writes a value (of this layout's shape) into a block, every byte of it: padding is zeroed. */
    public void write(Map<String, Object> value, MemorySegment block) {
        block.asSlice(0, size).fill((byte) 0);
        writeFields(value, block);
    }

    private void writeFields(Map<String, Object> value, MemorySegment block) {
        for (Slot s : slots) {
            Object v = value.get(s.field().name());
            MemorySegment at = block.asSlice(s.offset(), s.size());
            switch (s.field().type()) {
                case StateType.Scalar x -> {
                    switch (x.kind()) {
                        case BOOL -> at.set(ValueLayout.JAVA_BYTE, 0, (byte) ((Boolean) v ? 1 : 0));
                        case I8 -> at.set(ValueLayout.JAVA_BYTE, 0, ((Number) v).byteValue());
                        case I16 -> at.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, ((Number) v).shortValue());
                        case U16 -> at.set(ValueLayout.JAVA_CHAR_UNALIGNED, 0, (Character) v);
                        case I32 -> at.set(ValueLayout.JAVA_INT_UNALIGNED, 0, ((Number) v).intValue());
                        case I64 -> at.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, ((Number) v).longValue());
                        case F32 -> at.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 0, ((Number) v).floatValue());
                        case F64 -> at.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, ((Number) v).doubleValue());
                    }
                }
                case StateType.Fixed f -> {
                    byte[] bytes = f.chars() ? ((String) v).getBytes(StandardCharsets.UTF_8) : (byte[]) v;
                    MemorySegment.copy(bytes, 0, at, ValueLayout.JAVA_BYTE, 0, Math.min(bytes.length, f.length()));
                }
                case StateType.Struct st -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> nested = (Map<String, Object>) v;
                    s.nested().writeFields(nested, at);
                }
                default -> throw new IllegalStateException("not a block type: " + s.field().type());
            }
        }
    }
}
