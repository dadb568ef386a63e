package dev.graft.core.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * State values in the kind-neutral form the mapper works on: a struct is a
 * {@code Map<String, Object>} by field name in field order; a scalar its box ({@code Character} for
 * {@code u16}); {@code str} and {@code char[N]} a {@code String}; {@code bytes} and {@code u8[N]} a
 * {@code byte[]}; an enum its constant's name; collections a {@code List}, {@code Set} or
 * {@code Map}. JVM records and host-owned blocks are read into this form and written from it, so
 * the old and the new version never share an object (G2: nothing is mapped in place).
 */
public final class StateValues {

    private StateValues() {
    }

    /** Every field at its zero: numbers 0, false, empty text and arrays, first enum constant, nested defaults. */
    public static Map<String, Object> zero(StateShape shape) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (StateField f : shape.fields()) {
            value.put(f.name(), zero(f.type()));
        }
        return value;
    }

    /** The zero of one type; null for a nullable scalar. */
    public static Object zero(StateType type) {
        return switch (type) {
            case StateType.Scalar s when s.boxed() -> null;
            case StateType.Scalar s -> switch (s.kind()) {
                case BOOL -> false;
                case I8 -> (byte) 0;
                case I16 -> (short) 0;
                case U16 -> (char) 0;
                case I32 -> 0;
                case I64 -> 0L;
                case F32 -> 0f;
                case F64 -> 0d;
            };
            case StateType.Text t -> "";
            case StateType.Bytes b -> new byte[0];
            case StateType.Fixed f -> f.chars() ? "" : new byte[f.length()];
            case StateType.EnumOf e -> e.constants().getFirst();
            case StateType.Struct s -> zero(s.shape());
            case StateType.Collection c -> switch (c.form()) {
                case LIST -> new ArrayList<>();
                case SET -> new LinkedHashSet<>();
                case MAP -> new LinkedHashMap<>();
            };
        };
    }
}
