/**
 * The WebAssembly plugin loader: a wasm module run by Chicory, compiled to JVM bytecode; and
 * {@code dev.graft.wasm.tools.WatCompiler}, a build tool that needs Chicory's wabt, which a host
 * does not.
 */
module dev.graft.wasm {
    requires transitive dev.graft.core;
    requires com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.compiler;
    requires com.dylibso.chicory.wasm;
    // WatCompiler's: Chicory's wat2wasm, a wasm module run under WASI on an in-memory file system
    requires static wabt;
    requires static wasi;
    requires static com.google.common.jimfs;

    exports dev.graft.wasm;
    exports dev.graft.wasm.tools;

    provides dev.graft.core.spi.PluginLoader with dev.graft.wasm.WasmPluginLoader;
}
