package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.Graft;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginStartException;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Checksum;
import dev.graft.natives.fixture.Types;
import dev.graft.natives.fixture.Unsupported;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for native plugins: each kind of bad input ends in a typed exception whose message names the
 * plugin (once known), the artifact, what was expected and what was found; nothing is loaded, and
 * the JVM does not crash. A guest that fails a call, or returns a string that is not UTF-8, gets
 * an exception for that call and keeps serving.
 */
class G5NativeBadInputTest {

    @TempDir
    Path dir;

    private Graft graft;

    @BeforeEach
    void start() {
        graft = Fixtures.greeterHost().contract(Types.class).contract(Checksum.class)
                .contract(Unsupported.class).build();
    }

    @AfterEach
    void close() {
        graft.close();
    }

    private <E extends PluginException> E refused(Class<E> type, Path artifact, String... fragments) {
        E e = assertThrows(type, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains(artifact.getFileName().toString()), "names the artifact: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        assertEquals(List.of(), graft.plugins(), "nothing is loaded");
        return e;
    }

    @Test
    void notASharedLibrary() throws Exception {
        Path file = Files.writeString(dir.resolve("plugin.so"), "#!/bin/sh\necho not a library\n");
        refused(InvalidArtifactException.class, file, "expected a shared library (an ELF file, starting with bytes 7f 45 4c 46)",
                "found a file starting with bytes 23 21 2f 62");
    }

    @Test
    void aDependencyTheSystemCannotFindIsRefusedWithTheSystemsReason() {
        Path plugin = Fixtures.copy("acme_user_v1", dir, "libacme.so"); // links libacmedep.so, not beside it
        InvalidArtifactException e = refused(InvalidArtifactException.class, plugin,
                "found one it refuses: libacmedep.so: cannot open shared object file: No such file or directory");
        assertNoCopyIn(e.getMessage());
    }

    @Test
    void aPositionIndependentExecutableIsRefusedWithTheSystemsReason() {
        Path tool = Fixtures.copy("pie_exec", dir, "acme-tool");
        InvalidArtifactException e = refused(InvalidArtifactException.class, tool,
                "found one it refuses: " + tool + ": cannot dynamically load position-independent executable");
        assertNoCopyIn(e.getMessage());
    }

    /** The user's file is named, never Graft's copy of it (deleted by the time anyone reads the message). */
    private static void assertNoCopyIn(String message) {
        assertTrue(!message.contains("graft-artifacts-") && !message.contains(".graft"), "names a copy: " + message);
    }

    @Test
    void emptyFile() throws Exception {
        refused(InvalidArtifactException.class, Files.write(dir.resolve("empty.so"), new byte[0]), "found an empty file");
    }

    @Test
    void truncatedElf() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.copy("greeter_v1", dir, "whole.so"));
        Path truncated = Files.write(dir.resolve("truncated.so"), Arrays.copyOf(whole, whole.length / 2));
        refused(InvalidArtifactException.class, truncated, "expected a complete shared library, found a truncated one",
                "but the file has " + whole.length / 2 + " bytes");
        Path headerOnly = Files.write(dir.resolve("header.so"), Arrays.copyOf(whole, 40));
        refused(InvalidArtifactException.class, headerOnly, "its ELF header needs 64 bytes but the file has 40 bytes");
    }

    @Test
    void objectFileIsNotASharedLibrary() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.copy("greeter_v1", dir, "whole.so"));
        bytes[16] = 1; // e_type: REL
        refused(InvalidArtifactException.class, Files.write(dir.resolve("object.so"), bytes),
                "expected a shared library (ELF type DYN), found an object file (REL)");
    }

    @Test
    void missingDescriptor() {
        refused(ManifestException.class, Fixtures.copy("no_descriptor", dir, "plain.so"),
                "descriptor graft_plugin: expected the library to export this descriptor", "found no such symbol");
    }

    @Test
    void wrongAbiVersion() {
        refused(ManifestException.class, Fixtures.copy("wrong_abi", dir, "future.so"),
                "expected descriptor ABI version 4 (or 3 or 2), found 99: the plugin was built against another graft.h");
    }

    @Test
    void descriptorNamingAnUnknownContract() {
        refused(ContractMismatchException.class, Fixtures.copy("unknown_contract", dir, "unknown.so"),
                "plugin 'greeter'", "expected the host to know contract test.nobody.knows@1.0", "found no Java interface for it");
    }

    @Test
    void missingFunction() {
        refused(PluginLinkException.class, Fixtures.copy("missing_function", dir, "missing.so"),
                "plugin 'greeter'", "contract example.greeter@1.0: expected fn next(i32) -> i32, found no function named next "
                        + "(the descriptor lists fn greet(str) -> str)");
    }

    @Test
    void functionCountMustMatch() {
        refused(PluginLinkException.class, Fixtures.copy("extra_function", dir, "extra.so"),
                "contract example.greeter@1.0: expected 2 functions, one per method of " + Greeter.class.getName()
                        + ", found 3: fn previous(i32) -> i32 is not in the contract");
    }

    @Test
    void signatureMismatchInMunsStyle() {
        refused(PluginLinkException.class, Fixtures.copy("signature_mismatch", dir, "mismatch.so"),
                "plugin 'greeter'", "contract example.greeter@1.0: expected fn greet(str) -> str, found fn greet(i32) -> str");
    }

    @Test
    void missingSymbolOfASidecarBoundLibrary() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                version = 1.0.0
                provides = test.native.checksum@1.0
                library = libz.so.1
                function.crc32 = crc64(u64, ptr, u32) -> u64
                function.adler32 = adler32(u64, ptr, u32) -> u64
                function.version = zlibVersion() -> cstr
                """);
        refused(PluginLinkException.class, sidecar, "plugin 'checksum'",
                "contract test.native.checksum@1.0: expected symbol crc64 in libz.so.1 for crc32, found no such symbol");
    }

    @Test
    void sidecarPrototypeThatDoesNotFitTheMethod() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                version = 1.0.0
                provides = test.native.checksum@1.0
                library = libz.so.1
                function.crc32 = crc32(u64, ptr) -> u64
                function.adler32 = adler32(u64, ptr, u32) -> u64
                function.version = zlibVersion() -> cstr
                """);
        refused(PluginLinkException.class, sidecar,
                "expected crc32(i64|u64, ptr, <integer>) -> i64|u64 for crc32, found crc32(u64, ptr) -> u64");
    }

    @Test
    void sidecarWithAMisspeltKeySaysWhichAndWhere() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                verison = 1.0.0
                provides = test.native.checksum@1.0
                library = libz.so.1
                """);
        ManifestException e = refused(ManifestException.class, sidecar, "plugin 'checksum'", "line 2",
                "found unknown key 'verison' (did you mean 'version'?)");
        assertEquals(2, e.line());
    }

    @Test
    void sidecarWithALineThatIsNoKeyValueIsNamedByItsOwnId() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                version = 1.0.0
                provides test.native.checksum@1.0
                library = libz.so.1
                """);
        ManifestException e = refused(ManifestException.class, sidecar, "line 3", "expected 'key = value'");
        assertTrue(e.getMessage().startsWith("plugin 'checksum' (zlib.graft-native): "), e.getMessage());
    }

    @Test
    void sidecarWithAMalformedLineSaysWhere() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("zlib" + Sidecar.EXTENSION), """
                id = checksum
                version = 1.0.0
                provides = test.native.checksum@1.0
                library = libz.so.1
                function.crc32 = crc32(u64, pointer, u32) -> u64
                """);
        ManifestException e = refused(ManifestException.class, sidecar, "line 5", "found 'pointer'");
        assertEquals(5, e.line());
    }

    @Test
    void contractANativePluginCannotServe() throws Exception {
        Path sidecar = Files.writeString(dir.resolve("initial" + Sidecar.EXTENSION), """
                id = initial
                version = 1.0.0
                provides = test.native.unsupported@1.0
                library = libz.so.1
                function.initial = zlibVersion() -> cstr
                """);
        refused(ContractMismatchException.class, sidecar, "expected int, long, float, double, boolean, String, byte[], "
                + "ByteBuffer or a record of those primitives, found char");
    }

    @Test
    void initReportingFailure() {
        PluginStartException e = refused(PluginStartException.class, Fixtures.copy("init_fails", dir, "init.so"),
                "plugin 'greeter'", "init failed with status 7: no configuration found");
        assertTrue(e.getCause() instanceof NativeEntryPointException n && n.status() == 7 && n.entryPoint().equals("init"),
                String.valueOf(e.getCause()));
    }

    @Test
    void guestFunctionReportingFailureKeepsThePluginServing() {
        graft.load(Fixtures.copy("types", dir, "types.so"));
        Types types = graft.contract(Types.class);
        for (int i = 1; i <= 3; i++) {
            int status = i;
            NativeCallException e = assertThrows(NativeCallException.class, () -> types.fail(status));
            assertEquals("plugin 'types' (" + graft.plugin("types").orElseThrow().label() + "), function fail: "
                    + "contract test.native.types@1.0, fn fail(i32) -> i32 failed with status " + i
                    + ": asked to fail with " + i, e.getMessage());
            assertEquals(i + 1, types.add(i, 1), "the next call is served");
        }
        assertEquals(1, graft.plugins().size(), "the plugin stays loaded");
    }

    @Test
    void stringThatIsNotUtf8FromTheGuest() {
        graft.load(Fixtures.copy("types", dir, "types.so"));
        Types types = graft.contract(Types.class);
        NativeCallException e = assertThrows(NativeCallException.class, types::notUtf8);
        assertEquals("plugin 'types' (" + graft.plugin("types").orElseThrow().label() + "), function notUtf8: "
                + "contract test.native.types@1.0, fn notUtf8() -> str returned a string that is not "
                + "UTF-8: expected UTF-8 text, found byte(s) ff at offset 2 of 4", e.getMessage());
        assertEquals(0, e.status());
        assertEquals("[still here]", types.bracket("still here"));
    }
}
