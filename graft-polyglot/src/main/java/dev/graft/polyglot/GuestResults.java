package dev.graft.polyglot;

import org.graalvm.polyglot.Value;

/**
 * A guest function's result read as the Java type the contract method returns, one typed method
 * per type of DESIGN.md's mapping that is not a reference to convert (records and {@code byte[]}
 * go through {@link GuestType}). The generated providers ({@link ProviderGenerator}) call these
 * directly, so a call of {@code int next(int)} reads {@code Value.asInt()} with no boxing and no
 * virtual dispatch on the type; {@link GuestType} calls them too, so both say the same. A value the
 * type cannot hold is refused with a {@link GuestType.Mismatch}, never rounded. Each reads the value
 * once ({@code asInt()}, which refuses a value that does not fit with a {@code ClassCastException})
 * rather than testing it first ({@code fitsInInt()}), which is a second trip through the polyglot
 * API per call: a Python {@code next(int)} took about 80 ns through Graft with the test and 65
 * without, against 58 raw (BENCHMARKS.md). Public only for the
 * generated classes, which live in a package of their own; hosts have no use for it.
 */
public final class GuestResults {

    private GuestResults() {
    }

    public static int asInt(Value value) {
        try {
            return value.asInt();
        } catch (ClassCastException | NullPointerException e) {
            throw wholeNumber(int.class, Integer.MIN_VALUE, Integer.MAX_VALUE, value);
        }
    }

    public static long asLong(Value value) {
        try {
            return value.asLong();
        } catch (ClassCastException | NullPointerException e) {
            throw wholeNumber(long.class, Long.MIN_VALUE, Long.MAX_VALUE, value);
        }
    }

    public static short asShort(Value value) {
        try {
            return value.asShort();
        } catch (ClassCastException | NullPointerException e) {
            throw wholeNumber(short.class, Short.MIN_VALUE, Short.MAX_VALUE, value);
        }
    }

    public static byte asByte(Value value) {
        try {
            return value.asByte();
        } catch (ClassCastException | NullPointerException e) {
            throw wholeNumber(byte.class, Byte.MIN_VALUE, Byte.MAX_VALUE, value);
        }
    }

    public static double asDouble(Value value) {
        try {
            return value.asDouble();
        } catch (ClassCastException | NullPointerException e) {
            throw new GuestType.Mismatch("expected a double, found " + GuestType.describe(value));
        }
    }

    /** A guest has no 32-bit floats: any finite double within float's range is rounded to the nearest float. */
    public static float asFloat(Value value) {
        double d;
        try {
            d = value.asDouble();
        } catch (ClassCastException | NullPointerException e) {
            throw notFloat(value);
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) <= Float.MAX_VALUE) {
            return (float) d;
        }
        throw notFloat(value);
    }

    private static GuestType.Mismatch notFloat(Value value) {
        return new GuestType.Mismatch("expected a float (a number within ±" + Float.MAX_VALUE + "), found " + GuestType.describe(value));
    }

    public static boolean asBoolean(Value value) {
        try {
            return value.asBoolean();
        } catch (ClassCastException | NullPointerException e) {
            throw new GuestType.Mismatch("expected a boolean, found " + GuestType.describe(value));
        }
    }

    /** A string, or null for the guest's null ({@code undefined}, {@code null}, {@code None}). */
    public static String asString(Value value) {
        try {
            return value.asString(); // null for the guest's null
        } catch (ClassCastException e) {
            throw new GuestType.Mismatch("expected a string, found " + GuestType.describe(value));
        }
    }

    private static GuestType.Mismatch wholeNumber(Class<?> type, long min, long max, Value value) {
        return new GuestType.Mismatch("expected " + (type == int.class ? "an " : "a ") + type.getName()
                + " (a whole number from " + min + " to " + max + "), found " + GuestType.describe(value));
    }
}
