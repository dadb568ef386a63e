package dev.graft.core.slot;

import dev.graft.api.Contract;
import java.io.IOException;

/** A contract with every kind of parameter and return the generated proxies must pass through. */
@Contract(name = "test.kinds", version = "1.0")
public interface Kinds extends Taker<CharSequence> {

    int ints(int a, int b);

    long longs(long a, long b);

    float floats(float a, float b);

    double doubles(double a, double b);

    boolean booleans(boolean a, boolean b);

    byte bytes(byte a, byte b);

    char chars(char a, char b);

    short shorts(short a, short b);

    int[] arrays(int[] a, String[] b);

    Object objects(Object a, String b);

    /** Writes into {@code into}, to show the call happened. */
    void voids(int[] into, int value);

    /** Every kind at once, wide (long, double) and narrow ones mixed, to catch a misplaced local slot. */
    String mixed(byte b, long l, short s, double d, char c, float f, int i, boolean z, String str);

    /** Covariant override of {@link Taker#take()}. */
    @Override
    String take();

    default String defaulted(String s) {
        return "default " + s;
    }

    default String overridden(String s) {
        return "default " + s;
    }

    void throwsChecked(IOException e) throws IOException;

    void throwsUnchecked(RuntimeException e);

    static String notForwarded() {
        return "static";
    }
}
