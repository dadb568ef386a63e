package dev.graft.examples.greeter.jvm;

import dev.graft.examples.greeter.Greeter;

/**
 * Version 2 of the example plugin: same class name as version 1, other behaviour. Each version
 * gets a class loader of its own, so both can be loaded in one runtime.
 */
public final class FriendlyGreeter implements Greeter {

    @Override
    public String greet(String name) {
        return "Hi there, " + name + "!";
    }

    @Override
    public int next(int n) {
        return n + 2;
    }
}
