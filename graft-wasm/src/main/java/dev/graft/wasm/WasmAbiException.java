package dev.graft.wasm;

/**
 * The guest broke the memory convention (docs/wasm-plugins.md): it returned a pointer or length
 * outside its memory, bytes that are not UTF-8 for a string, or its allocator failed.
 */
public class WasmAbiException extends WasmCallException {

    public WasmAbiException(String pluginId, String versionLabel, String function, String message) {
        super(pluginId, versionLabel, function, message, null);
    }
}
