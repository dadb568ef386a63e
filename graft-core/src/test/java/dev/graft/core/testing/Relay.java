package dev.graft.core.testing;

import dev.graft.api.Contract;

/** A third contract of the same shape as {@link Echo}, for the end of dependency chains. */
@Contract(name = "test.relay", version = "1.0")
public interface Relay {

    /** As {@link Echo#answer()}. */
    String answer();

    /** As {@link Echo#next(int)}. */
    int next(int n);
}
