package dev.graft.polyglot;

import dev.graft.core.state.StateField;
import dev.graft.core.state.StateType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * A guest value written into a state field, converted to the field's type in the kind-neutral form
 * of {@link dev.graft.core.state.StateValues}, or refused with what was expected and found.
 */
final class StateConversion {

    private StateConversion() {
    }

    /** Whether a script's state can hold this type: everything but collections. */
    static boolean supported(StateType type) {
        return switch (type) {
            case StateType.Collection c -> false;
            case StateType.Struct s -> s.shape().fields().stream().allMatch(f -> supported(f.type()));
            default -> true;
        };
    }

    static Object toState(Value value, StateType type, String path) {
        try {
            return convert(value, type, path);
        } catch (GuestType.Mismatch e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static Object convert(Value value, StateType type, String path) {
        if (value.isNull() && type instanceof StateType.Scalar s && s.boxed()) {
            return null;
        }
        return switch (type) {
            case StateType.Scalar s -> switch (s.kind()) {
                case BOOL -> GuestType.of(boolean.class).toJava(value);
                case I8 -> GuestType.of(byte.class).toJava(value);
                case I16 -> GuestType.of(short.class).toJava(value);
                case U16 -> {
                    if (value.fitsInInt() && value.asInt() >= 0 && value.asInt() <= 0xffff) {
                        yield (char) value.asInt();
                    }
                    throw new GuestType.Mismatch("expected a u16 (a whole number from 0 to 65535), found " + GuestType.describe(value));
                }
                case I32 -> GuestType.of(int.class).toJava(value);
                case I64 -> GuestType.of(long.class).toJava(value);
                case F32 -> GuestType.of(float.class).toJava(value);
                case F64 -> GuestType.of(double.class).toJava(value);
            };
            case StateType.Text t -> text(value);
            case StateType.Bytes b -> bytes(value);
            case StateType.Fixed f when f.chars() -> {
                String text = text(value);
                int length = text.getBytes(StandardCharsets.UTF_8).length;
                if (length > f.length()) {
                    throw new GuestType.Mismatch("expected at most " + f.length() + " bytes of UTF-8, found " + length);
                }
                yield text;
            }
            case StateType.Fixed f -> {
                byte[] bytes = bytes(value);
                if (bytes.length > f.length()) {
                    throw new GuestType.Mismatch("expected at most " + f.length() + " bytes, found " + bytes.length);
                }
                yield java.util.Arrays.copyOf(bytes, f.length());
            }
            case StateType.EnumOf e -> {
                if (value.isString() && e.constants().contains(value.asString())) {
                    yield value.asString();
                }
                throw new GuestType.Mismatch("expected one of " + e + ", found " + GuestType.describe(value));
            }
            case StateType.Struct s -> {
                boolean dictionary = value.hasHashEntries();
                if (!dictionary && !value.hasMembers()) {
                    throw new GuestType.Mismatch("expected an object with the fields " + s.shape().fieldsText() + ", found "
                            + GuestType.describe(value));
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (StateField f : s.shape().fields()) {
                    Value member = dictionary ? (value.hasHashEntry(f.name()) ? value.getHashValue(f.name()) : null)
                            : (value.hasMember(f.name()) ? value.getMember(f.name()) : null);
                    if (member == null) {
                        throw new GuestType.Mismatch("expected an object with the fields " + s.shape().fieldsText()
                                + ", found one without " + f.name());
                    }
                    fields.put(f.name(), toState(member, f.type(), path + "." + f.name()));
                }
                yield fields;
            }
            case StateType.Collection c -> throw new IllegalStateException("refused at declaration: " + c);
        };
    }

    private static String text(Value value) {
        if (value.isString()) {
            return value.asString();
        }
        throw new GuestType.Mismatch("expected a string, found " + GuestType.describe(value));
    }

    private static byte[] bytes(Value value) {
        byte[] bytes = (byte[]) GuestType.of(byte[].class).toJava(value);
        if (bytes == null) {
            throw new GuestType.Mismatch("expected bytes, found " + GuestType.describe(value));
        }
        return bytes;
    }
}
