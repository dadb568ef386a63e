package dev.graft.wasm.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WatCompiler passes on what wat2wasm says, every message of every file, and compiles the rest. */
class WatCompilerTest {

    private static final String MANIFEST = """
            (; graft.manifest
            id = %s
            version = 1.0.0
            ;)
            """;

    /** An import after a function (line 5), then a stray form (line 6): two errors. */
    private static final String TWO_ERRORS = """
            (module
              (func $f)
              (memory 1)
              (func $g (result i32) (i32.const 1))
              (import "a" "b" (func $h))
              (foo bar)
            )
            """;

    private static final String GOOD = """
            (module
              (func (export "answer") (result i32) (i32.const 42))
            )
            """;

    @TempDir
    Path dir;

    @Test
    void aRefusedSourceGetsEveryDiagnosticOfWat2WasmWithItsLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WatCompiler.compile(MANIFEST.formatted("err") + TWO_ERRORS, "src/err.wat"));

        String message = e.getMessage();
        assertTrue(message.startsWith("src/err.wat: wat2wasm refused it (exit status 1):\n"), message);
        assertTrue(message.contains("src/err.wat:9:4: error: imports must occur before all non-import definitions"), message);
        assertTrue(message.contains("src/err.wat:10:3: error: unexpected token (, expected )."), message);
        assertFalse(message.contains("\u001b["), "no terminal colours: " + message);
    }

    @Test
    void everyFileIsCompiledAndEveryFailureReported() throws Exception {
        Path sources = Files.createDirectory(dir.resolve("wat"));
        Path target = dir.resolve("wasm");
        Files.writeString(sources.resolve("a-bad.wat"), MANIFEST.formatted("a") + TWO_ERRORS);
        Files.writeString(sources.resolve("b-good.wat"), MANIFEST.formatted("b") + GOOD);
        Files.writeString(sources.resolve("c-bad.wat"), MANIFEST.formatted("c") + "(module (func (i32.add)))\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = WatCompiler.run(sources, target, new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(Files.size(target.resolve("b-good.wasm")) > 0, "the good file between two bad ones is compiled");
        assertFalse(Files.exists(target.resolve("a-bad.wasm")));
        assertTrue(printed.contains("a-bad.wat:9:4: error: imports must occur before all non-import definitions"), printed);
        assertTrue(printed.contains("a-bad.wat:10:3: error: unexpected token"), printed);
        assertTrue(printed.contains("c-bad.wat:5:16: error: type mismatch"), printed);
        assertTrue(printed.strip().endsWith("found 2 of 3 that did not: a-bad.wat, c-bad.wat"), printed);
    }
}
