package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.Fixed;
import dev.graft.core.Graft;
import dev.graft.core.state.RecordShapes;
import dev.graft.core.state.StateLayout;
import dev.graft.natives.fixture.Blob;
import dev.graft.natives.fixture.TallyState;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CBindgen writes the C header of a state block from a Java record: the structs, the declaration
 * and its size for the descriptor, and static asserts on the size, alignment and every offset. gcc
 * compiles it, the asserts hold, a plugin built on it loads with its state laid out as the host
 * lays it out, and a struct that drifts from the record does not compile.
 */
class CBindgenStateTest {

    private static final Path SDK = Path.of("..", "sdk", "c").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void headerDeclaresTheStructsTheDeclarationAndTheAsserts() {
        String header = CBindgen.stateHeader(TallyState.class);
        assertTrue(header.contains("""
                typedef struct tally_state_origin {
                    double x;
                    int16_t y;
                } tally_state_origin;
                """), header);
        assertEquals(1, header.split("typedef struct tally_state_origin \\{", -1).length - 1, "one struct per nested record");
        assertTrue(header.contains("""
                typedef struct tally_state {
                    bool open;
                    int8_t level;
                    int16_t delta;
                    uint16_t unit;
                    int32_t visitors;
                    int64_t greetings;
                    float ratio;
                    double mean;
                    char last[5]; /* UTF-8, NUL-padded */
                    uint8_t raw[3];
                    tally_state_origin origin;
                    tally_state_origin previous;
                } tally_state;
                """), header);
        StateLayout layout = StateLayout.of(RecordShapes.ofBlock(TallyState.class));
        assertTrue(header.contains("#define TALLY_STATE_DECLARATION \"open: bool; level: i8; delta: i16; unit: u16; "
                + "visitors: i32 was count; greetings: i64; ratio: f32; mean: f64; last: char[5]; raw: u8[3]; "
                + "origin: struct{x: f64; y: i16}; previous: struct{x: f64; y: i16}\""), header);
        assertTrue(header.contains("#define TALLY_STATE_SIZE " + layout.size() + "\n"), header);
        assertTrue(header.contains("TALLY_STATE_ASSERT_(offsetof(tally_state, previous.y) == " + layout.offsetOf("previous.y")
                + ", \"tally_state: expected the host's layout of TallyState, found offsetof(tally_state, previous.y) otherwise\");"),
                header);
        assertTrue(header.contains("static inline tally_state *tally_state_from(const graft_host *host) {"), header);
    }

    @Test
    void assertsHoldAndAPluginBuiltOnTheHeaderLoadsWithTheHostsLayout() throws Exception {
        Files.writeString(dir.resolve("tally_state.h"), CBindgen.stateHeader(TallyState.class));
        Path library = statePlugin("tally", "tally_state", """
                    state->greetings = 7;
                    state->previous.y = -2;
                    memcpy(state->last, "hello", 5);
                """);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Blob.class).build()) {
            graft.load(library);
            Map<String, Object> state = graft.state("tally").orElseThrow();
            assertEquals(7L, state.get("greetings"));
            assertEquals("hello", state.get("last"));
            assertEquals((short) -2, ((Map<?, ?>) state.get("previous")).get("y"));
            StateLayout layout = StateLayout.of(RecordShapes.ofBlock(TallyState.class));
            byte[] block = graft.contract(Blob.class).read();
            assertEquals(layout.size(), block.length);
            assertEquals(7L, layout.read(MemorySegment.ofArray(block)).get("greetings"), "the C struct is the host's layout");
        }
    }

    @Test
    void aStructThatDriftsFromTheRecordDoesNotCompile() throws Exception {
        String header = CBindgen.stateHeader(TallyState.class);
        String drifted = header.replace("    int16_t delta;\n", "    int32_t delta;\n");
        Files.writeString(dir.resolve("tally_state.h"), drifted);
        Process gcc = gcc(Files.writeString(dir.resolve("drift.c"), "#include \"tally_state.h\"\n"), dir.resolve("drift.o"), "-c");
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc finished");
        assertTrue(gcc.exitValue() != 0, "expected gcc to refuse the drifted struct, found it compiled");
        assertTrue(output.contains("tally_state: expected the host's layout of TallyState, found offsetof(tally_state, unit) otherwise"),
                output);
    }

    record Unfixed(long count, String name) {
    }

    @Test
    void recordABlockCannotHoldIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CBindgen.stateHeader(Unfixed.class));
        assertTrue(e.getMessage().contains("expected @Fixed(N) on state field name (String)"), e.getMessage());
    }

    record Fits(@Fixed(2) String code) {
    }

    @Test
    void headerCompilesAsCPlusPlusToo() throws Exception {
        Files.writeString(dir.resolve("fits.h"), CBindgen.stateHeader(Fits.class));
        Path source = Files.writeString(dir.resolve("fits.cc"), "#include \"fits.h\"\nint main() { return sizeof(fits) == FITS_SIZE ? 0 : 1; }\n");
        Process gxx = new ProcessBuilder("g++", "-std=c++17", "-Wall", "-Werror", "-I", SDK.toString(), "-I", dir.toString(),
                "-c", "-o", dir.resolve("fits.o").toString(), source.toString()).redirectErrorStream(true).start();
        String output = new String(gxx.getInputStream().readAllBytes());
        assertTrue(gxx.waitFor(60, TimeUnit.SECONDS), "g++ finished");
        assertEquals(0, gxx.exitValue(), output);
    }

    record Pair(short unsigned, double extern) {
    }

    record Registers(int register, long signed, Pair union) {
    }

    /** Components named after C keywords are members with an underscore after them, in C and C++ alike. */
    @Test
    void componentsNamedAfterCKeywordsCompile() throws Exception {
        String header = CBindgen.stateHeader(Registers.class);
        assertTrue(header.contains("    int32_t register_;\n    int64_t signed_;\n    registers_pair union_;\n"), header);
        assertTrue(header.contains("offsetof(registers, union_.extern_) == 24"), header);
        Files.writeString(dir.resolve("registers.h"), header);
        Process gcc = gcc(Files.writeString(dir.resolve("registers.c"), """
                #include "registers.h"
                int64_t bump(const graft_host *host) {
                    registers *state = registers_from(host);
                    state->union_.unsigned_ = 1;
                    return state->register_ + state->signed_;
                }
                """), dir.resolve("registers.o"), "-c");
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc finished");
        assertEquals(0, gcc.exitValue(), output);
        Process gxx = new ProcessBuilder("g++", "-std=c++17", "-Wall", "-Werror", "-I", SDK.toString(), "-I", dir.toString(),
                "-x", "c++", "-c", "-o", dir.resolve("registers_cc.o").toString(), dir.resolve("registers.c").toString())
                .redirectErrorStream(true).start();
        output = new String(gxx.getInputStream().readAllBytes());
        assertTrue(gxx.waitFor(60, TimeUnit.SECONDS), "g++ finished");
        assertEquals(0, gxx.exitValue(), output);
    }

    /**
     * A plugin {@code id} with the state block {@code struct} (from {@code struct.h}, written by the
     * test), whose init runs {@code init} on {@code state} and whose Blob contract reads the block's bytes.
     */
    private Path statePlugin(String id, String struct, String init) throws Exception {
        return compile("""
                #define GRAFT_IMPLEMENTATION
                #include "test_native_blob.h"
                #include "%1$s.h"
                static %1$s *state;
                static graft_result init(const graft_host *host) {
                    state = %1$s_from(host);
                %2$s    return graft_ok();
                }
                graft_result test_native_blob_write(const uint8_t *bytes, size_t bytes_len) {
                    (void) bytes; (void) bytes_len;
                    return graft_ok();
                }
                graft_result test_native_blob_read(graft_out_bytes *result) {
                    return graft_return_bytes(result, state, sizeof *state);
                }
                GRAFT_PLUGIN_STATE("%3$s", "1.0.0", init, NULL, %4$s_DECLARATION, sizeof(%1$s), TEST_NATIVE_BLOB_CONTRACT);
                """.formatted(struct, init, id, struct.toUpperCase(java.util.Locale.ROOT)));
    }

    private Path compile(String code) throws Exception {
        Path library = dir.resolve("plugin.so");
        Process gcc = gcc(Files.writeString(dir.resolve("plugin.c"), code), library, "-shared");
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc finished");
        assertEquals(0, gcc.exitValue(), output);
        return library;
    }

    private Process gcc(Path source, Path out, String mode) throws IOException {
        List<String> command = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fPIC", mode,
                "-fvisibility=hidden", "-I", SDK.toString(), "-I", Path.of("src", "test", "c", "include").toAbsolutePath().toString(),
                "-I", dir.toString(), "-o", out.toString(), source.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    record From(int x, int y) {
    }

    record Moves(long count, From from) {
    }

    /**
     * A nested record {@code From} would be the struct {@code moves_from}, the accessor's name: it takes
     * {@code _t} ({@code moves_from_t}), and a plugin built on the header with gcc loads.
     */
    @Test
    void aNestedRecordNamedLikeTheAccessorCompiles() throws Exception {
        String header = CBindgen.stateHeader(Moves.class);
        assertTrue(header.contains("    moves_from_t from;\n"), header);
        Files.writeString(dir.resolve("moves.h"), header);
        Path library = statePlugin("moves", "moves", """
                    state->from = (moves_from_t) {.x = 3, .y = 4};
                """);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Blob.class).build()) {
            graft.load(library);
            assertEquals(4, ((Map<?, ?>) graft.state("moves").orElseThrow().get("from")).get("y"));
        }
    }
}
