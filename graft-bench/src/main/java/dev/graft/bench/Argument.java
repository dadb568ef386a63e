package dev.graft.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The argument of each measured call, different every time so the JIT cannot fold the call into
 * a constant. One per thread, so threads do not share (and contend on) the counter.
 */
@State(Scope.Thread)
public class Argument {

    private int n;

    /** The next argument. */
    public int next() {
        return n++;
    }
}
