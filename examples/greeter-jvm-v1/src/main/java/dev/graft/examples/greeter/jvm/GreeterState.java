package dev.graft.examples.greeter.jvm;

/**
 * What version 1 of the greeter keeps across reloads: how many greetings it gave. The manifest
 * names it ({@code state = ...GreeterState}); version 2 keeps a record of the same name with one
 * more component, and the count survives reloads both ways.
 */
public record GreeterState(long greetings) {
}
