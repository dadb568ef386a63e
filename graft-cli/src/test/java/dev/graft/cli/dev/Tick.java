package dev.graft.cli.dev;

import dev.graft.api.Contract;

/** The tests' contract: each call adds the plugin's step to a count it keeps in its state, and returns the count. */
@Contract(name = "test.tick", version = "1.0")
public interface Tick {
    long tick();
}
