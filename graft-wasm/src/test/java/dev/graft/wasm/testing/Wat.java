package dev.graft.wasm.testing;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures in WAT, compiled by Chicory's wabt (wat2wasm compiled to JVM bytecode: no native toolchain). */
public final class Wat {

    /**
     * The memory convention's allocator for WAT guests: a bump allocator over one growable memory
     * whose {@code graft_free} takes back the most recent allocation, which is enough for the
     * host's last-in first-out frees. Defines {@code $alloc} for the guest's own use.
     */
    public static final String ALLOCATOR = """
            (memory (export "memory") 1)
            (global $top (mut i32) (i32.const 4096))
            (func $alloc (export "graft_alloc") (param $size i32) (result i32)
              (local $p i32) (local $end i32) (local $have i32)
              (local.set $p (global.get $top))
              (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)))
              (local.set $have (i32.shl (memory.size) (i32.const 16)))
              (if (i32.gt_u (local.get $end) (local.get $have))
                (then
                  (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                              (i32.const -1))
                    (then (return (i32.const 0))))))
              (global.set $top (local.get $end))
              (local.get $p))
            (func $free (export "graft_free") (param $p i32) (param $size i32)
              (if (i32.eq (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8))
                          (global.get $top))
                (then (global.set $top (local.get $p)))))
            (func $pack (param $ptr i32) (param $len i32) (result i64)
              (i64.or (i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 32)) (i64.extend_i32_u (local.get $ptr))))
            """;

    private Wat() {
    }

    /** Compiles WAT text to a wasm module. */
    public static byte[] compile(String wat) {
        try {
            return Wat2Wasm.parse(wat);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("wat2wasm refused the fixture (" + e + "):\n" + wat, e);
        }
    }

    /** A plugin: the module compiled from {@code wat}, with {@code manifest} in its custom section. */
    public static byte[] plugin(String manifest, String wat) {
        return ManifestSection.embed(compile(wat), manifest);
    }

    /** {@code wat} with {@code fields} added at the start of its module (a start function, an import). */
    public static String with(String wat, String fields) {
        return wat.replaceFirst("\\(module\\s", java.util.regex.Matcher.quoteReplacement("(module " + fields + " "));
    }

    /** Writes a plugin to {@code dir/file}. */
    public static Path write(Path dir, String file, String manifest, String wat) {
        return write(dir.resolve(file), plugin(manifest, wat));
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest providing one contract. */
    public static String manifest(String id, String version, String provides, String... extraLines) {
        StringBuilder text = new StringBuilder("id = " + id + "\nversion = " + version + "\nprovides = " + provides + "\n");
        for (String line : extraLines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}
