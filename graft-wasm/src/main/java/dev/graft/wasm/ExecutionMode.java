package dev.graft.wasm;

/** How Chicory runs a module's functions. */
public enum ExecutionMode {
    /** Each wasm function compiled to a JVM method when the plugin is prepared (the default): fast calls, slower load. */
    COMPILED,
    /** Chicory's interpreter: loads at once, calls many times slower. For huge modules or quick tools. */
    INTERPRETED
}
