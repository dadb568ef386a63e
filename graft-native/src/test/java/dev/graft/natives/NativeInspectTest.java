package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.Artifact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft inspect} of a native plugin ({@link Graft#inspect}) reads its descriptor out of a
 * layout Graft makes itself ({@link ElfImage}), so none of the library's code runs, not even the
 * ELF constructors {@code dlopen} runs; and it reads what {@code dlopen} would have shown.
 */
class NativeInspectTest {

    @TempDir
    Path dir;

    @Test
    void inspectingRunsNeitherTheLibrarysConstructorsNorItsInitWhereALoadRunsBoth() throws Exception {
        Path marks = dir.resolve("marks.txt");
        Path source = Files.writeString(dir.resolve("marking.c"), """
                #include "greeter_impl.h"
                #include <stdio.h>
                static void mark(const char *what) {
                    FILE *f = fopen(MARKS, "a");
                    if (f != NULL) { fprintf(f, "%s\\n", what); fclose(f); }
                }
                __attribute__((constructor)) static void mapped(void) { mark("constructor"); }
                static graft_result init(const graft_host *host) { (void) host; mark("init"); return graft_ok(); }
                GRAFT_PLUGIN("marking", "1.2.3", init, NULL, EXAMPLE_GREETER_CONTRACT);
                """);
        Path library = Fixtures.gccPlugin(source, "-I", Path.of("src/test/c/include").toAbsolutePath().toString(),
                "-I", Path.of("../examples/greeter-native/src/main/c").toAbsolutePath().toString(),
                "-DMARKS=\"" + marks + "\"");
        try (Graft graft = Fixtures.greeterHost().build()) {
            Inspection inspection = graft.inspect(library);

            assertTrue(inspection.loadable(), () -> String.valueOf(inspection.refusal()));
            assertEquals("marking@1.2.3", inspection.manifest().toString());
            assertEquals(Map.of("example.greeter@1.0", List.of("fn greet(str) -> str", "fn next(i32) -> i32")),
                    inspection.description().functions());
            assertFalse(Files.exists(marks), "inspecting ran the library's code: " + (Files.exists(marks) ? Files.readString(marks) : ""));

            graft.load(library);
            // a load maps the library once to read its manifest and once to prepare it: the constructor runs each time
            List<String> ran = Files.readAllLines(marks);
            assertTrue(ran.contains("constructor") && ran.contains("init"), "a load runs both, so the inspection would have: " + ran);
        }
    }

    /** A pointer no relocation accounts for is refused, not followed: a load would have read address 0x10 (and crashed). */
    @Test
    void aDescriptorPointerOutsideTheLibraryIsRefusedWithoutBeingFollowed() throws Exception {
        Path source = Files.writeString(dir.resolve("stray.c"), """
                #include "greeter_impl.h"
                GRAFT_PLUGIN((const char *) 0x10, "1.0.0", NULL, NULL, EXAMPLE_GREETER_CONTRACT);
                """);
        Path library = Fixtures.gccPlugin(source, "-I", Path.of("src/test/c/include").toAbsolutePath().toString(),
                "-I", Path.of("../examples/greeter-native/src/main/c").toAbsolutePath().toString());
        try (Graft graft = Fixtures.greeterHost().build()) {
            Inspection inspection = graft.inspect(library);

            ManifestException e = assertInstanceOf(ManifestException.class, inspection.refusal());
            assertEquals("(stray.so): descriptor graft_plugin: expected the plugin id at an address inside the library, "
                    + "found 0x10", e.getMessage());
        }
    }

    @Test
    void theLayoutGraftMakesShowsWhatTheSystemsLoaderShowsForEveryFixture() throws IOException {
        NativePluginLoader loader = new NativePluginLoader();
        List<Path> libraries;
        try (Stream<Path> files = Files.list(Fixtures.folder())) {
            libraries = files.filter(f -> f.toString().endsWith(".so")).sorted().toList();
        }
        assertTrue(libraries.size() > 20, "fixtures: " + libraries);
        int compared = 0;
        for (Path library : libraries) {
            Artifact artifact = new Artifact(library, library);
            PluginManifest mapped;
            try {
                mapped = loader.readManifest(artifact);
            } catch (ManifestException e) {
                ManifestException laidOut = assertThrows(ManifestException.class, () -> loader.inspectManifest(artifact),
                        library.getFileName().toString());
                assertEquals(e.getMessage(), laidOut.getMessage(), library.getFileName().toString());
                compared++;
                continue;
            } catch (RuntimeException e) {
                continue; // the system's loader refuses it (a PIE, a missing dependency): nothing to compare with
            }
            assertEquals(mapped, loader.inspectManifest(artifact), library.getFileName().toString());
            compared++;
        }
        assertTrue(compared > 20, "compared " + compared + " of " + libraries.size());
    }

    @Test
    void aSignatureMismatchIsRefusedAsTheLoadWouldRefuseIt() {
        Path library = Fixtures.copy("signature_mismatch", dir, "mismatch.so");
        try (Graft graft = Fixtures.greeterHost().build()) {
            Inspection inspection = graft.inspect(library);
            PluginLinkException refusal = assertInstanceOf(PluginLinkException.class, inspection.refusal());
            PluginLinkException load = assertThrows(PluginLinkException.class, () -> graft.load(library));
            assertEquals(load.getMessage(), refusal.getMessage());
        }
    }

    @Test
    void aHeaderWhoseTablesLieOutsideTheFileIsRefusedWithoutReadingPastIt() throws IOException {
        Path library = Fixtures.copy("greeter_v1", dir, "outside.so");
        patch(library, dynamicSymbols(library) + 24, Files.size(library) + 4096); // sh_offset: the symbols after the end of the file
        try (Graft graft = Fixtures.greeterHost().build()) {
            Inspection inspection = graft.inspect(library);
            assertFalse(inspection.loadable());
            assertTrue(inspection.refusal().getMessage().contains(
                    "expected an ELF layout whose tables lie inside the file and its segments, found one that does not"),
                    inspection.refusal().getMessage());
        }
    }

    @Test
    void aHeaderAskingForAbsurdMemoryIsRefusedBeforeAnyIsAllocated() throws IOException {
        Path library = Fixtures.copy("greeter_v1", dir, "huge.so");
        patch(library, firstLoadSegment(library) + 40, 1L << 40); // p_memsz: a terabyte
        try (Graft graft = Fixtures.greeterHost().build()) {
            Inspection inspection = graft.inspect(library);
            assertFalse(inspection.loadable());
            assertTrue(inspection.refusal().getMessage().contains("expected loadable segments of at most 1073741824 bytes, found "),
                    inspection.refusal().getMessage());
        }
    }

    /** Where the program header of the library's first loadable segment (PT_LOAD) begins. */
    private static int firstLoadSegment(Path library) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(library)).order(ByteOrder.nativeOrder());
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int at = Math.toIntExact(elf.getLong(32)); // e_phoff
        while (elf.getInt(at) != 1) {
            at += phentsize;
        }
        return at;
    }

    /** Where the section header of the library's dynamic symbol table (SHT_DYNSYM) begins. */
    private static int dynamicSymbols(Path library) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(library)).order(ByteOrder.nativeOrder());
        int shentsize = Short.toUnsignedInt(elf.getShort(58));
        int at = Math.toIntExact(elf.getLong(40)); // e_shoff
        while (elf.getInt(at + 4) != 11) {
            at += shentsize;
        }
        return at;
    }

    /** Writes {@code value} (8 bytes, native order) at {@code offset} of {@code file}. */
    private static void patch(Path file, long offset, long value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value), offset);
        }
    }
}
