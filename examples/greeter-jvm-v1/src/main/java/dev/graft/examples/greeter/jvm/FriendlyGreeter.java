package dev.graft.examples.greeter.jvm;

import dev.graft.examples.greeter.Greeter;

/**
 * Version 1 of the example plugin. Version 2 has a class of the same name: each version gets a
 * class loader of its own, so both can be loaded in one runtime.
 */
public final class FriendlyGreeter implements Greeter {

    @Override
    public String greet(String name) {
        return "Hello, " + name + "!";
    }

    @Override
    public int next(int n) {
        return n + 1;
    }
}
