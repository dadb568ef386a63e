package dev.graft.wasm.testing;

import java.util.Arrays;

/** Byte-level damage for bad-input tests: what no assembler would write. */
public final class BadModules {

    private BadModules() {
    }

    /** The first {@code fraction} of the bytes. */
    public static byte[] truncated(byte[] module, double fraction) {
        return Arrays.copyOf(module, (int) (module.length * fraction));
    }

    /**
     * A well-formed module that fails validation: {@code (func (result i32) (i32.const 7))} with
     * its {@code i32.const} turned into {@code i64.const}, so the body leaves an i64 where an i32
     * is due.
     */
    public static byte[] failingValidation(String manifest) {
        byte[] module = Wat.compile("(module (func (export \"next\") (param i32) (result i32) (i32.const 7)))");
        int at = indexOf(module, new byte[] {0x41, 0x07, 0x0b});
        module[at] = 0x42;
        return dev.graft.wasm.ManifestSection.embed(module, manifest);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("pattern not found");
    }
}
