package dev.graft.examples.greeter.wasm.v1;

/**
 * The state of the wasm greeter, version 1: its count of greetings. The C greeter's
 * {@code greeter_state_v1.h} is written from it ({@code WasmBindgen.stateHeader}); the WAT greeter
 * declares the same in its manifest.
 */
public record GreeterState(long greetings) {
}
