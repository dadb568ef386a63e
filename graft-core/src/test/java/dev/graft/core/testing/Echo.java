package dev.graft.core.testing;

import dev.graft.api.Contract;

/** The contract most core tests call. The test loader implements it for every plugin that provides it. */
@Contract(name = "test.echo", version = "1.0")
public interface Echo {

    /** The plugin's {@code answer} attribute, followed by what its required contracts answer: {@code b1(a1)}. */
    String answer();

    /** Adds {@code n} to this version's counter and returns the total; a version that keeps state starts from its predecessor's. */
    int next(int n);
}
