package com.example;

import dev.graft.core.Graft;
import dev.graft.jvm.JvmPluginLoader;
import dev.graft.natives.NativePluginLoader;
import dev.graft.wasm.WasmAbiException;

/** Compiles against each published artifact's classes: they came from the published jars. */
public final class PublishedHost {
    static final Class<?>[] USED = {Graft.class, JvmPluginLoader.class, NativePluginLoader.class, WasmAbiException.class};

    private PublishedHost() {
    }
}
