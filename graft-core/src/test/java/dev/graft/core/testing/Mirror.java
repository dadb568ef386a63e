package dev.graft.core.testing;

import dev.graft.api.Contract;

/** A second contract of the same shape as {@link Echo}: for plugins providing two contracts, and for dependency chains. */
@Contract(name = "test.mirror", version = "1.0")
public interface Mirror {

    /** As {@link Echo#answer()}. */
    String answer();

    /** As {@link Echo#next(int)}: one counter per version, shared by all the contracts it provides. */
    int next(int n);
}
