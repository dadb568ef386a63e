package dev.graft.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.graft.core.ContractRef;
import dev.graft.core.ManifestException;
import dev.graft.core.ModuleRef;
import dev.graft.core.PluginManifest;
import dev.graft.core.Version;
import dev.graft.core.patch.PatchableType;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a native plugin says of itself: the exported {@code graft_plugin} descriptor of
 * sdk/c/graft.h, ABI version 4 (or 3 or 2), read out of the mapped library into Java values. Reading it
 * runs no guest code. Addresses are kept as plain addresses; the library must stay mapped while
 * they are used (see {@link NativePlugin}).
 *
 * <p>ABI 2 added host modules: the descriptor's {@code imports} (appended, so the fields of ABI 1
 * kept their offsets) and {@code init}'s {@code const graft_host *} parameter. A library built
 * against ABI 1 is refused with a message that says so: its descriptor is shorter than this one,
 * and its init expects no argument. ABI 3 appended {@code state} and {@code state_size} (and
 * {@code graft_host.state}); an ABI 2 library is still accepted, as a plugin without state, and
 * only the fields its shorter descriptor has are read. ABI 4 appended {@code patches} and
 * {@code patch_count}, the host's patchable functions the plugin patches; an ABI 3 or 2 library
 * patches nothing, and its descriptor is read no further than its own end.
 *
 * @param state     the state declaration text, or null for none
 * @param stateSize the size of the state struct as the plugin's compiler laid it out; 0 for none
 */
record Descriptor(String id, String version, List<ContractEntry> contracts, List<ImportEntry> imports,
                  MemorySegment init, MemorySegment shutdown, MemorySegment errorMessage, MemorySegment release,
                  String state, long stateSize, List<PatchEntry> patches) {

    /** The exported symbol. */
    static final String SYMBOL = "graft_plugin";
    static final int MAGIC = 0x54465247; // "GRFT" in memory on a little-endian machine, as graft.h writes it
    static final int ABI_VERSION = 4;
    /** The ABI before patches: the same descriptor, shorter by them. */
    static final int ABI_WITHOUT_PATCHES = 3;
    /** The oldest ABI still accepted: the same calling convention and init, without state. */
    static final int ABI_WITHOUT_STATE = 2;
    /** Where errors say the manifest of a native plugin lives. */
    static final String WHERE = "descriptor " + SYMBOL;

    private static final int MAX_CONTRACTS = 256;
    private static final int MAX_IMPORTS = 256;
    private static final int MAX_PATCHES = 256;
    private static final int MAX_FUNCTIONS = 4096;
    private static final int MAX_TEXT = 1024;
    /** A state declaration may be longer than a name: a struct of many fields. */
    private static final int MAX_STATE_TEXT = 64 * 1024;

    static final StructLayout FUNCTION = CStruct.of(ADDRESS.withName("signature"), ADDRESS.withName("address"),
            JAVA_INT.withName("flags"));
    static final StructLayout CONTRACT = CStruct.of(ADDRESS.withName("name"), ADDRESS.withName("version"),
            ADDRESS.withName("functions"), JAVA_INT.withName("function_count"));
    private static final List<MemoryLayout> FIELDS_ABI_2 = List.of(JAVA_INT.withName("magic"),
            JAVA_INT.withName("abi_version"), ADDRESS.withName("id"), ADDRESS.withName("version"),
            ADDRESS.withName("contracts"), JAVA_INT.withName("contract_count"), ADDRESS.withName("init"),
            ADDRESS.withName("shutdown"), ADDRESS.withName("error_message"), ADDRESS.withName("release"),
            ADDRESS.withName("imports"), JAVA_INT.withName("import_count"));
    /** The descriptor of ABI 2: what an ABI 2 library exports, and all that is read of it. */
    static final StructLayout DESCRIPTOR_ABI_2 = CStruct.of(FIELDS_ABI_2);
    private static final List<MemoryLayout> FIELDS_ABI_3 = Stream.concat(FIELDS_ABI_2.stream(),
            Stream.of(ADDRESS.withName("state"), JAVA_INT.withName("state_size"))).toList();
    /** The descriptor of ABI 3: what an ABI 3 library exports, and all that is read of it. */
    static final StructLayout DESCRIPTOR_ABI_3 = CStruct.of(FIELDS_ABI_3);
    static final StructLayout DESCRIPTOR = CStruct.of(Stream.concat(FIELDS_ABI_3.stream(),
            Stream.of(ADDRESS.withName("patches"), JAVA_INT.withName("patch_count"))).toList());
    static final StructLayout PATCH = CStruct.of(ADDRESS.withName("name"), ADDRESS.withName("signature"),
            ADDRESS.withName("address"), JAVA_INT.withName("flags"));
    static final StructLayout IMPORT = CStruct.of(ADDRESS.withName("name"), ADDRESS.withName("version"),
            ADDRESS.withName("functions"), JAVA_INT.withName("function_count"));

    /** graft_function flag: no thread-state transition, byte[] passed without copying. */
    static final int FN_CRITICAL = 1;

    record ContractEntry(String name, String version, List<FunctionEntry> functions) {
        String ref() {
            return name + "@" + version;
        }
    }

    /** A host module the plugin imports: the signatures it calls, in the order of the table it expects. */
    record ImportEntry(String name, String version, List<String> functions) {
        String ref() {
            return name + "@" + version;
        }
    }

    record FunctionEntry(String signature, MemorySegment address, int flags) {
        boolean critical() {
            return (flags & FN_CRITICAL) != 0;
        }
    }

    /** A patchable function of the host the plugin patches (ABI 4): its name, and the function that patches it. */
    record PatchEntry(String name, FunctionEntry function) {
    }

    /**
     * Reads the descriptor of a mapped library.
     *
     * @throws ManifestException when the symbol is missing, of another ABI version, or malformed
     */
    static Descriptor read(NativeLibrary library, Path source) {
        return read(library.find(SYMBOL), address -> Long.MAX_VALUE, source);
    }

    /**
     * Reads the descriptor of a library laid out by Graft itself, running none of its code; every
     * address followed must lie inside the image.
     *
     * @throws ManifestException as {@link #read(NativeLibrary, Path)}, and for an address outside the image
     */
    static Descriptor read(ElfImage image, Path source) {
        return read(image.find(SYMBOL), image::available, source);
    }

    /** @param available how many bytes may be read at an address (a mapped library: any number) */
    private static Descriptor read(java.util.Optional<MemorySegment> found, java.util.function.LongUnaryOperator available,
                                   Path source) {
        MemorySegment symbol = found.orElseThrow(() -> new ManifestException(null, source, WHERE, 0,
                "expected the library to export this descriptor (GRAFT_PLUGIN in sdk/c/graft.h), found no such symbol; "
                        + "a library that knows nothing of Graft can be described by a sidecar file instead (docs/native-plugins.md)"));
        Reader r = new Reader(source, available);
        r.check(symbol, DESCRIPTOR_ABI_2.byteSize(), "the descriptor");
        MemorySegment head = symbol.reinterpret(8);
        int magic = head.get(JAVA_INT, 0);
        if (magic != MAGIC) {
            throw new ManifestException(null, source, WHERE, 0, String.format(
                    "expected it to start with the magic number 0x%08x ('GRFT'), found 0x%08x: not a Graft descriptor", MAGIC, magic));
        }
        int abi = head.get(JAVA_INT, 4);
        String accepted = ABI_VERSION + " (or " + ABI_WITHOUT_PATCHES + " or " + ABI_WITHOUT_STATE + ")";
        if (abi == 1) {
            throw new ManifestException(null, source, WHERE, 0, "expected descriptor ABI version " + accepted
                    + ", found 1: the plugin was built against the graft.h of before host modules (ABI 2 added the "
                    + "descriptor's imports and init(const graft_host *)); rebuild it against the current sdk/c/graft.h");
        }
        if (abi != ABI_VERSION && abi != ABI_WITHOUT_PATCHES && abi != ABI_WITHOUT_STATE) {
            throw new ManifestException(null, source, WHERE, 0, "expected descriptor ABI version " + accepted
                    + ", found " + Integer.toUnsignedString(abi) + ": the plugin was built against another graft.h");
        }
        // never past the end of what the library exports: an ABI 2 or 3 descriptor is shorter
        StructLayout exported = switch (abi) {
            case ABI_VERSION -> DESCRIPTOR;
            case ABI_WITHOUT_PATCHES -> DESCRIPTOR_ABI_3;
            default -> DESCRIPTOR_ABI_2;
        };
        MemorySegment d = r.check(symbol, exported.byteSize(), "the descriptor");
        String id = r.text(d, DESCRIPTOR, "id", "the plugin id");
        r.pluginId = id;
        String version = r.text(d, DESCRIPTOR, "version", "the plugin version");
        List<MemorySegment> contractArray = r.array(d, DESCRIPTOR, "contracts", "contract_count", MAX_CONTRACTS, CONTRACT,
                "contracts", "the contracts array");
        List<ContractEntry> contracts = new ArrayList<>();
        for (int i = 0; i < contractArray.size(); i++) {
            MemorySegment c = contractArray.get(i);
            String what = "contract " + (i + 1);
            String name = r.text(c, CONTRACT, "name", what + "'s name");
            String cversion = r.text(c, CONTRACT, "version", "contract " + name + "'s version");
            List<MemorySegment> functionArray = r.array(c, CONTRACT, "functions", "function_count", MAX_FUNCTIONS, FUNCTION,
                    "functions of contract " + name, "contract " + name + "'s functions");
            List<FunctionEntry> functions = new ArrayList<>();
            for (int j = 0; j < functionArray.size(); j++) {
                MemorySegment f = functionArray.get(j);
                String signature = r.text(f, FUNCTION, "signature", "contract " + name + ", function " + (j + 1) + "'s signature");
                MemorySegment address = r.pointer(f, FUNCTION, "address", false, null);
                functions.add(new FunctionEntry(signature, address, f.get(JAVA_INT, offset(FUNCTION, "flags"))));
            }
            contracts.add(new ContractEntry(name, cversion, List.copyOf(functions)));
        }
        String state = null;
        long stateSize = 0;
        if (abi >= ABI_WITHOUT_PATCHES) {
            state = r.optionalText(d, DESCRIPTOR, "state", MAX_STATE_TEXT, "the state declaration");
            stateSize = Integer.toUnsignedLong(d.get(JAVA_INT, offset(DESCRIPTOR, "state_size")));
        }
        return new Descriptor(id, version, List.copyOf(contracts), readImports(r, d),
                r.pointer(d, DESCRIPTOR, "init", false, null), r.pointer(d, DESCRIPTOR, "shutdown", false, null),
                r.pointer(d, DESCRIPTOR, "error_message", false, null), r.pointer(d, DESCRIPTOR, "release", false, null),
                state, stateSize, abi == ABI_VERSION ? readPatches(r, d) : List.of());
    }

    private static List<PatchEntry> readPatches(Reader r, MemorySegment d) {
        List<MemorySegment> array = r.array(d, DESCRIPTOR, "patches", "patch_count", MAX_PATCHES, PATCH, "patches", "the patches array");
        List<PatchEntry> patches = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            MemorySegment p = array.get(i);
            String name = r.text(p, PATCH, "name", "patch " + (i + 1) + "'s name");
            String signature = r.text(p, PATCH, "signature", "patch " + name + "'s signature");
            MemorySegment address = r.pointer(p, PATCH, "address", false, null);
            patches.add(new PatchEntry(name, new FunctionEntry(signature, address, p.get(JAVA_INT, offset(PATCH, "flags")))));
        }
        return List.copyOf(patches);
    }

    private static List<ImportEntry> readImports(Reader r, MemorySegment d) {
        List<MemorySegment> array = r.array(d, DESCRIPTOR, "imports", "import_count", MAX_IMPORTS, IMPORT, "imports", "the imports array");
        List<ImportEntry> imports = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            MemorySegment m = array.get(i);
            String name = r.text(m, IMPORT, "name", "import " + (i + 1) + "'s name");
            String version = r.text(m, IMPORT, "version", "import " + name + "'s version");
            List<MemorySegment> names = r.array(m, IMPORT, "functions", "function_count", MAX_FUNCTIONS, ADDRESS,
                    "functions of import " + name, "import " + name + "'s functions");
            List<String> functions = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                functions.add(r.text(names.get(j), 0L, "import " + name + ", function " + (j + 1) + "'s signature"));
            }
            imports.add(new ImportEntry(name, version, List.copyOf(functions)));
        }
        return List.copyOf(imports);
    }

    /** The manifest this descriptor amounts to: id, version, provided contracts, imported host modules, patched functions. */
    PluginManifest manifest(Path source) {
        List<ContractRef> provides = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (ContractEntry c : contracts) {
                ContractRef ref = new ContractRef(c.name(), Version.parse(c.version()));
                if (!seen.add(ref.name() + "@" + ref.version().major())) {
                    throw new IllegalArgumentException("expected each contract once, found " + ref.name() + " major "
                            + ref.version().major() + " twice");
                }
                provides.add(ref);
            }
            // one import per name: init's graft_host finds a module's table by its name
            Set<String> imported = new HashSet<>();
            List<ModuleRef> imports = new ArrayList<>();
            for (ImportEntry i : this.imports) {
                if (!imported.add(i.name())) {
                    throw new IllegalArgumentException("expected each host module imported once, found " + i.name() + " twice");
                }
                imports.add(new ModuleRef(i.name(), Version.parse(i.version())));
            }
            // one patch per name: a plugin supplies one body for a function
            Set<String> patched = new LinkedHashSet<>();
            for (PatchEntry p : patches) {
                PatchableType.checkName(p.name());
                if (!patched.add(p.name())) {
                    throw new IllegalArgumentException("expected each patchable function patched once, found " + p.name() + " twice");
                }
            }
            return new PluginManifest(id, Version.parse(version), provides, List.of(), List.of(), imports,
                    List.copyOf(patched), Map.of());
        } catch (IllegalArgumentException e) {
            throw new ManifestException(idForMessages(id), source, WHERE, 0, e.getMessage());
        }
    }

    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }

    /** Reads fields, failing with messages that name the field. */
    private static final class Reader {
        private final Path source;
        private final java.util.function.LongUnaryOperator available;
        String pluginId;

        Reader(Path source, java.util.function.LongUnaryOperator available) {
            this.source = source;
            this.available = available;
        }

        /** The {@code size} bytes at {@code p}, once they are known to be readable. */
        MemorySegment check(MemorySegment p, long size, String what) {
            if (available.applyAsLong(p.address()) < size) {
                throw error(String.format("expected %s at an address inside the library, found 0x%x", what, p.address()));
            }
            return p.reinterpret(size);
        }

        /**
         * The elements of the array a pointer field and a count field of {@code struct} describe,
         * once the count is within {@code max} and the whole array is known to be readable; none for
         * a count of 0, whatever the pointer.
         */
        List<MemorySegment> array(MemorySegment struct, StructLayout layout, String pointerField, String countField, int max,
                                  MemoryLayout element, String elements, String arrayWhat) {
            int count = count(struct, layout, countField, max, elements);
            MemorySegment array = pointer(struct, layout, pointerField, count > 0, arrayWhat);
            if (count == 0) {
                return List.of();
            }
            array = check(array, element.byteSize() * count, arrayWhat);
            List<MemorySegment> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(array.asSlice(element.byteSize() * i, element));
            }
            return out;
        }

        MemorySegment pointer(MemorySegment struct, StructLayout layout, String field, boolean required, String what) {
            MemorySegment p = struct.get(ADDRESS, offset(layout, field));
            if (required && p.equals(MemorySegment.NULL)) {
                throw error("expected " + what + ", found NULL");
            }
            // a plain address, in no arena: see the class comment
            return MemorySegment.ofAddress(p.address());
        }

        String text(MemorySegment struct, StructLayout layout, String field, String what) {
            return text(struct, offset(layout, field), what);
        }

        String text(MemorySegment struct, long offset, String what) {
            MemorySegment p = struct.get(ADDRESS, offset);
            if (p.equals(MemorySegment.NULL)) {
                throw error("expected " + what + ", found NULL");
            }
            return text(p, MAX_TEXT, what);
        }

        /** A string field that may be NULL: then null. */
        String optionalText(MemorySegment struct, StructLayout layout, String field, int max, String what) {
            MemorySegment p = struct.get(ADDRESS, offset(layout, field));
            return p.equals(MemorySegment.NULL) ? null : text(p, max, what);
        }

        private String text(MemorySegment p, int max, String what) {
            long readable = available.applyAsLong(p.address());
            if (readable == 0) {
                throw error(String.format("expected %s at an address inside the library, found 0x%x", what, p.address()));
            }
            byte[] bytes = CStrings.read(p, (int) Math.min(max, readable)).orElseThrow(() ->
                    error("expected " + what + " to be a NUL-terminated string of at most " + max + " bytes, found none within that"));
            return CStrings.utf8(bytes).orElseThrow(() -> error("expected " + what + " in UTF-8, found bytes that are not"));
        }

        int count(MemorySegment struct, StructLayout layout, String field, int max, String what) {
            int n = struct.get(JAVA_INT, offset(layout, field));
            if (n < 0 || n > max) {
                throw error("expected at most " + max + " " + what + ", found a count of " + Integer.toUnsignedString(n));
            }
            return n;
        }

        private ManifestException error(String message) {
            return new ManifestException(idForMessages(pluginId), source, WHERE, 0, message);
        }
    }

    /** The plugin id for messages, only once it is known to be a valid one. */
    private static String idForMessages(String id) {
        return id != null && id.matches("[a-z0-9][a-z0-9._-]{0,127}") ? id : null;
    }
}
