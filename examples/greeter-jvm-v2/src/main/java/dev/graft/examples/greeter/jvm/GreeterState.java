package dev.graft.examples.greeter.jvm;

// docs/jvm-plugins.md begin
/**
 * What the greeter keeps across reloads. Version 1's record has {@code greetings} only: reloading
 * to this version keeps the count and starts {@code lastName} at the default below; reloading
 * back drops {@code lastName} and keeps the count.
 */
public record GreeterState(long greetings, String lastName) {

    /** The value a first load starts with, and the default of a field new in a reload. */
    public GreeterState() {
        this(0, "");
    }
}
// docs/jvm-plugins.md end
