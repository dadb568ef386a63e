package dev.graft.wasm;

import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A wasm plugin describes itself in a custom section named {@value #NAME}: the manifest text
 * (ManifestParser's {@code key = value} lines) in UTF-8. A custom section rather than an exported
 * descriptor, so that the manifest is read without instantiating the module (no guest code runs
 * before the core decided to load it), and so that any toolchain can write it: clang through
 * {@code GRAFT_MANIFEST_LINE} in {@code sdk/wasm/graft_wasm.h}, Rust through {@code #[link_section]},
 * WAT through {@link #embed}.
 *
 * <p>Reading walks the module's section headers only (id, size), so it is cheap and reports a
 * truncated module precisely; full decoding and validation happen when the plugin is prepared.
 */
public final class ManifestSection {

    /** The custom section's name. */
    public static final String NAME = "graft.manifest";

    static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final int VERSION = 1;
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory",
            "global", "export", "start", "element", "code", "data", "data count", "tag"};

    private ManifestSection() {
    }

    /** Whether the bytes start like a WebAssembly binary. */
    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && Arrays.equals(head, 0, 4, MAGIC, 0, 4);
    }

    /**
     * The manifest text of a module.
     *
     * @param where the artifact as the host named it, for messages
     * @throws InvalidArtifactException if the bytes are not a wasm module or are truncated
     * @throws ManifestException        if the module has no manifest section, or two
     */
    public static String read(byte[] module, Path where) {
        checkHeader(module, where);
        List<String> sections = new ArrayList<>();
        String found = null;
        int at = 8;
        while (at < module.length) {
            int start = at;
            int id = module[at++] & 0xff;
            long[] size = leb(module, at, where, "the size of the " + sectionName(id) + " section at offset " + start);
            at = (int) size[1];
            if (size[0] > module.length - at) {
                throw new InvalidArtifactException(null, where, "truncated module: the " + sectionName(id)
                        + " section at offset " + start + " declares " + size[0] + " bytes, found only "
                        + (module.length - at));
            }
            int end = at + (int) size[0];
            if (id == 0) {
                long[] nameLength = leb(module, at, where, "the name of the custom section at offset " + start);
                int nameStart = (int) nameLength[1];
                if (nameLength[0] > end - nameStart) {
                    throw new InvalidArtifactException(null, where, "malformed module: the custom section at offset "
                            + start + " has a name longer than the section");
                }
                String name = new String(module, nameStart, (int) nameLength[0], StandardCharsets.UTF_8);
                sections.add("custom '" + name + "'");
                if (name.equals(NAME)) {
                    if (found != null) {
                        throw new ManifestException(null, where, "custom section " + NAME, 0,
                                "expected one manifest section, found a second one at offset " + start);
                    }
                    found = utf8(module, nameStart + (int) nameLength[0], end, where);
                }
            } else {
                sections.add(sectionName(id));
            }
            at = end;
        }
        if (found == null) {
            throw new ManifestException(null, where, "custom section " + NAME, 0, "expected a custom section '" + NAME
                    + "' holding the plugin manifest (see docs/wasm-plugins.md), found "
                    + (sections.isEmpty() ? "an empty module" : "only sections " + String.join(", ", sections)));
        }
        return found;
    }

    /**
     * Appends a manifest section to a module (custom sections may stand anywhere): how WAT and
     * other toolchains without a way to write custom sections get one.
     *
     * @throws IllegalArgumentException if the bytes are not a wasm module
     */
    public static byte[] embed(byte[] module, String manifest) {
        if (!hasMagic(module)) {
            throw new IllegalArgumentException("expected a WebAssembly module, found bytes that do not start with \\0asm");
        }
        byte[] name = NAME.getBytes(StandardCharsets.UTF_8);
        byte[] text = manifest.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeLeb(payload, name.length);
        payload.writeBytes(name);
        payload.writeBytes(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + payload.size() + 8);
        out.writeBytes(module);
        out.write(0);
        writeLeb(out, payload.size());
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    private static void checkHeader(byte[] module, Path where) {
        if (!hasMagic(module)) {
            throw new InvalidArtifactException(null, where, "expected a WebAssembly module (starting with bytes 00 61 73 6d), found "
                    + describeStart(module));
        }
        if (module.length < 8) {
            throw new InvalidArtifactException(null, where, "truncated module: expected an 8-byte header, found "
                    + module.length + " bytes");
        }
        int version = (module[4] & 0xff) | (module[5] & 0xff) << 8 | (module[6] & 0xff) << 16 | (module[7] & 0xff) << 24;
        if (version != VERSION) {
            throw new InvalidArtifactException(null, where, "expected a core WebAssembly module of binary version 1, found "
                    + (module[6] == 1 && module[7] == 0 ? "a WebAssembly component (layer 1)" : "version " + version));
        }
    }

    /** An unsigned LEB128 u32 at {@code at}: its value and the offset after it. */
    private static long[] leb(byte[] bytes, int at, Path where, String what) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (at >= bytes.length) {
                throw new InvalidArtifactException(null, where, "truncated module: expected " + what
                        + ", found the end of the file");
            }
            int b = bytes[at++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {value, at};
            }
        }
        throw new InvalidArtifactException(null, where, "malformed module: " + what + " is not a valid LEB128 number");
    }

    private static void writeLeb(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    private static String utf8(byte[] bytes, int from, int to, Path where) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(null, where, "custom section " + NAME, 0, "expected UTF-8 text, found " + e.getMessage());
        }
    }

    private static String sectionName(int id) {
        return id < SECTION_NAMES.length ? SECTION_NAMES[id] : "unknown (id " + id + ")";
    }

    static String describeStart(byte[] bytes) {
        if (bytes.length == 0) {
            return "an empty file";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format("%02x ", bytes[i]));
        }
        return "a file starting with bytes " + hex.toString().strip();
    }
}
