package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.wasm.tools.WatCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host built outside Graft's reactor loads, calls and reloads a wasm plugin of its own contract. */
class WasmHostTest {

    private static String adder(String version, int extra) {
        return """
                (; graft.manifest
                id       = adder
                version  = %s
                provides = example.adder@1.0
                ;)
                (module
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const %d))))
                """.formatted(version, extra);
    }

    @Test
    void loadsCallsAndReloadsAWasmPlugin(@TempDir Path dir) throws Exception {
        Path v1 = Files.write(dir.resolve("adder-v1.wasm"), WatCompiler.compile(adder("1.0.0", 0), "adder-v1.wat"));
        Path v2 = Files.write(dir.resolve("adder-v2.wasm"), WatCompiler.compile(adder("2.0.0", 100), "adder-v2.wat"));
        try (Graft graft = Graft.builder().contract(Adder.class).build()) {
            graft.load(v1);
            Adder adder = graft.contract(Adder.class);
            assertEquals(5, adder.add(2, 3));
            graft.reload("adder", v2);
            assertEquals(105, adder.add(2, 3));
        }
    }

    @Test
    void aWasmOnlyHostHasNothingNativeOnItsClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.graft.natives.NativePluginLoader"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.graft.jvm.JvmPluginLoader"));
    }
}
