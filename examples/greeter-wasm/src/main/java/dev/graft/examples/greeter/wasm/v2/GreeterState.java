package dev.graft.examples.greeter.wasm.v2;

/**
 * The state of the wasm greeter, version 2: its count of greetings, and the length of the longest
 * name it greeted. Another shape than version 1's, so a reload between them maps the state.
 */
public record GreeterState(long greetings, int longest) {
}
