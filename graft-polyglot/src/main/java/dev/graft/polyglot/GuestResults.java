package dev.graft.polyglot;

import org.graalvm.polyglot.Value;

/**
 * A guest function's result read as the Java type the contract method returns, one typed method
 * per type of DESIGN.md's mapping that is not a reference to convert (records and {@code byte[]}
 * go through {@link GuestType}). The generated providers ({@link ProviderGenerator}) call these
 * directly, so a call of {@code int next(int)} reads {@code Value.asInt()} with no boxing and no
 * virtual dispatch on the type; {@link GuestType} calls them too, so both say the same. A value the
 * type cannot hold is refused with a {@link GuestType.Mismatch}, never rounded. Public only for the
 * generated classes, which live in a package of their own; hosts have no use for it.
 */
public final class GuestResults {

    private GuestResults() {
    }

    public static int asInt(Value value) {
        if (value.fitsInInt()) {
            return value.asInt();
        }
        throw wholeNumber(int.class, Integer.MIN_VALUE, Integer.MAX_VALUE, value);
    }

    public static long asLong(Value value) {
        if (value.fitsInLong()) {
            return value.asLong();
        }
        throw wholeNumber(long.class, Long.MIN_VALUE, Long.MAX_VALUE, value);
    }

    public static short asShort(Value value) {
        if (value.fitsInShort()) {
            return value.asShort();
        }
        throw wholeNumber(short.class, Short.MIN_VALUE, Short.MAX_VALUE, value);
    }

    public static byte asByte(Value value) {
        if (value.fitsInByte()) {
            return value.asByte();
        }
        throw wholeNumber(byte.class, Byte.MIN_VALUE, Byte.MAX_VALUE, value);
    }

    public static double asDouble(Value value) {
        if (value.fitsInDouble()) {
            return value.asDouble();
        }
        throw new GuestType.Mismatch("expected a double, found " + GuestType.describe(value));
    }

    /** A guest has no 32-bit floats: any finite double within float's range is rounded to the nearest float. */
    public static float asFloat(Value value) {
        if (value.fitsInDouble()) {
            double d = value.asDouble();
            if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) <= Float.MAX_VALUE) {
                return (float) d;
            }
        }
        throw new GuestType.Mismatch("expected a float (a number within ±" + Float.MAX_VALUE + "), found " + GuestType.describe(value));
    }

    public static boolean asBoolean(Value value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        throw new GuestType.Mismatch("expected a boolean, found " + GuestType.describe(value));
    }

    /** A string, or null for the guest's null ({@code undefined}, {@code null}, {@code None}). */
    public static String asString(Value value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNull()) {
            return null;
        }
        throw new GuestType.Mismatch("expected a string, found " + GuestType.describe(value));
    }

    private static GuestType.Mismatch wholeNumber(Class<?> type, long min, long max, Value value) {
        return new GuestType.Mismatch("expected " + (type == int.class ? "an " : "a ") + type.getName()
                + " (a whole number from " + min + " to " + max + "), found " + GuestType.describe(value));
    }
}
