package dev.graft.examples.greeter;

import dev.graft.api.Contract;

/**
 * The example contract. Native and wasm plugins implement it too, so it uses only types that
 * cross languages ({@code String}, {@code int}).
 *
 * <p>The example plugins answer differently per version, so a caller can tell which one ran:
 * version 1 greets with {@code "Hello, <name>!"} and counts by one, version 2 greets with
 * {@code "Hi there, <name>!"} and counts by two.
 */
@Contract(name = "example.greeter", version = "1.0")
public interface Greeter {

    /** A greeting for {@code name}. */
    String greet(String name);

    /** The number after {@code n}, by the plugin version's step. */
    int next(int n);
}
