package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.modular.api.Adder;
import com.example.modular.api.Magnitude;
import dev.graft.core.Graft;
import dev.graft.core.PluginInfo;
import dev.graft.wasm.tools.WatCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that is a named module, on the module path, loads and reloads a plugin of each kind: a
 * JVM plugin (a jar compiled here), a native one (the C library's {@code abs} behind a sidecar)
 * and a wasm one (WAT compiled here). Graft's modules find their loaders as services.
 */
class ModulePathHostTest {

    @TempDir
    Path dir;

    @Test
    void theHostAndGraftAreNamedModules() {
        assertEquals("com.example.modular", ModulePathHostTest.class.getModule().getName());
        assertEquals("dev.graft.core", Graft.class.getModule().getName());
        assertTrue(ModuleLayer.boot().findModule("dev.graft.jvm").isPresent(), "the loaders are resolved as service providers");
        assertTrue(ModuleLayer.boot().findModule("dev.graft.natives").isPresent());
        assertTrue(ModuleLayer.boot().findModule("dev.graft.wasm").isPresent());
    }

    @Test
    void loadsAndReloadsAPluginOfEachKind() throws Exception {
        Path jvmV1 = jvmPlugin("1.0.0", 0);
        Path jvmV2 = jvmPlugin("2.0.0", 1000);
        Path wasmV1 = Files.write(dir.resolve("wasm-adder-v1.wasm"), WatCompiler.compile(wat("1.0.0", 0), "v1.wat"));
        Path wasmV2 = Files.write(dir.resolve("wasm-adder-v2.wasm"), WatCompiler.compile(wat("2.0.0", 100), "v2.wat"));
        Path sidecar = Files.writeString(dir.resolve("magnitude.graft-native"), """
                id       = magnitude
                version  = 1.0.0
                provides = example.magnitude@1.0
                library  = libc.so.6
                function.abs = abs(i32) -> i32
                """);
        try (Graft graft = Graft.builder().contract(Adder.class).contract(Magnitude.class).build()) {
            assertEquals("jvm", graft.load(jvmV1).kind());
            assertEquals("wasm", graft.load(wasmV1).kind());
            assertEquals("native", graft.load(sidecar).kind());
            List<Adder> adders = graft.contracts(Adder.class);
            assertEquals(List.of(5, 5), adders.stream().map(a -> a.add(2, 3)).toList(), "jvm-adder and wasm-adder");
            assertEquals(42, graft.contract(Magnitude.class).abs(-42));

            graft.reload("jvm-adder", jvmV2);
            graft.reload("wasm-adder", wasmV2);
            graft.reload("magnitude");
            assertEquals(List.of(1005, 105), adders.stream().map(a -> a.add(2, 3)).toList(), "the same proxies, the new versions");
            assertEquals(7, graft.contract(Magnitude.class).abs(-7));
            assertEquals(List.of("jvm-adder", "magnitude", "wasm-adder"), graft.plugins().stream().map(PluginInfo::id).sorted().toList());
        }
    }

    private static String wat(String version, int extra) {
        return """
                (; graft.manifest
                id       = wasm-adder
                version  = %s
                provides = example.adder@1.0
                ;)
                (module
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const %d))))
                """.formatted(version, extra);
    }

    /** A JVM plugin jar: one class implementing Adder, compiled here against the host's module, and its manifest. */
    private Path jvmPlugin(String version, int extra) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + version).resolve("com/example/plugin"));
        Files.writeString(src.resolve("PlusAdder.java"), """
                package com.example.plugin;
                public final class PlusAdder implements com.example.modular.api.Adder {
                    public int add(int a, int b) { return a + b + %d; }
                }
                """.formatted(extra));
        Path classes = Files.createDirectories(dir.resolve("classes-" + version));
        String modulePath = System.getProperty("jdk.module.path");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(new java.io.PrintStream(messages), new java.io.PrintStream(messages),
                "--module-path", modulePath, "--add-modules", "com.example.modular", "-d", classes.toString(),
                src.resolve("PlusAdder.java").toString());
        assertEquals(0, status, messages.toString());
        Path jar = dir.resolve("jvm-adder-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
            }
            out.putNextEntry(new JarEntry("META-INF/graft-plugin.properties"));
            write(out, """
                    id       = jvm-adder
                    version  = %s
                    provides = example.adder@1.0
                    provider.example.adder = com.example.plugin.PlusAdder
                    """.formatted(version));
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
