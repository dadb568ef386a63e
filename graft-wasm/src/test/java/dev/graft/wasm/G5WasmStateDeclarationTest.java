package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.StateDeclarationException;
import dev.graft.wasm.fixture.Poke;
import dev.graft.wasm.fixture.StateGuests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for wasm state: a bad declaration, a declared size that does not match the fields, a
 * graft.state import the plugin may not have or of the wrong type, each refused with a typed
 * exception naming plugin, artifact, what was expected and what was found (every case a reload over
 * a live version, which keeps serving); and an offset outside the state or misaligned for its width
 * is a trap naming plugin, function, offset, width and the state's size.
 */
class G5WasmStateDeclarationTest {

    private static final String SHAPE = "n: i64; name: char[4]; ratio: f32"; // 16 bytes: n 0, name 8, ratio 12

    @TempDir
    Path dir;

    private Path v1;

    @BeforeEach
    void writeV1() {
        v1 = Wat.write(dir, "v1.wasm", StateGuests.manifest("poke", "1.0.0", "test.poke@1.0", SHAPE, 16), StateGuests.POKE);
    }

    private Path write(String file, String manifest, String wat) {
        return Wat.write(dir, file, manifest, wat);
    }

    private static String manifest(String... lines) {
        return Wat.manifest("poke", "2.0.0", "test.poke@1.0", lines);
    }

    /** Reloads the live v1 with {@code bad}: refused with {@code type}, naming plugin and artifact; v1 still serves. */
    private <E extends PluginException> E refused(Class<E> type, Path bad, String... mentions) {
        try (Graft graft = Graft.builder().contract(Poke.class).build()) {
            graft.load(v1);
            Poke poke = graft.contract(Poke.class);
            poke.setI64(0, 7);
            E e = assertThrows(type, () -> graft.reload("poke", bad));
            assertTrue(e.getMessage().contains("plugin 'poke'") && e.getMessage().contains(bad.getFileName().toString()),
                    e.getMessage());
            for (String m : mentions) {
                assertTrue(e.getMessage().contains(m), "expected '" + m + "' in: " + e.getMessage());
            }
            assertEquals("1.0.0", graft.plugin("poke").orElseThrow().version().toString());
            assertEquals(7, poke.getI64(0));
            return e;
        }
    }

    @Test
    void aMalformedDeclarationIsRefusedWithItsColumn() {
        refused(StateDeclarationException.class, write("bad.wasm", manifest("state = n: i64; name char[4]", "state-size = 16"),
                StateGuests.POKE), "entry 'state'", "line 4", "column 14", "expected ':', found 'char[4]'", "expected", "found");
    }

    @Test
    void aTypeAStateBlockCannotHoldIsRefused() {
        refused(StateDeclarationException.class, write("str.wasm", manifest("state = n: i64; name: str", "state-size = 16"),
                StateGuests.POKE), "entry 'state'", "expected a state block field of type", "found name: str");
    }

    @Test
    void aStateSizeOtherThanTheLayoutsIsRefused() {
        refused(StateDeclarationException.class, write("drifted.wasm", manifest("state = n: i64; name: char[4]; ratio: f32; flag: bool",
                "state-size = 16"), StateGuests.POKE), "entry 'state-size'", "expected 24 bytes",
                "offsets n 0, name 8, ratio 12, flag 16", "found 16", "another layout");
    }

    /** Refused when the manifest is read, before the module is linked (whose graft.state imports would be refused too). */
    @Test
    void aStateSizeWithoutStateIsRefused() {
        refused(StateDeclarationException.class, write("size.wasm", manifest("state-size = 16"), StateGuests.POKE),
                "entry 'state-size'", "expected 'state-size' only with a 'state = name: type; ...' declaration",
                "found 'state-size = 16' and no state declared");
    }

    @Test
    void aStateWithoutItsSizeIsRefused() {
        refused(StateDeclarationException.class, write("nosize.wasm", manifest("state = " + SHAPE), StateGuests.POKE),
                "entry 'state'", "expected 'state-size = 16'", "found no 'state-size'");
    }

    @Test
    void importingGraftStateWithoutAStateDeclarationIsALinkError() {
        refused(PluginLinkException.class, write("undeclared.wasm", manifest(), StateGuests.POKE),
                "import graft.state.i64_load: expected a state declaration in the manifest", "found none");
    }

    @Test
    void anUnknownGraftStateFunctionIsALinkError() {
        String wat = StateGuests.POKE.replace("(module\n", "(module\n(import \"graft.state\" \"i64_inc\" (func (param i32) (result i64)))\n");
        refused(PluginLinkException.class, write("unknown.wasm", StateGuests.manifest("poke", "2.0.0", "test.poke@1.0", SHAPE, 16), wat),
                "import graft.state.i64_inc: expected a function of graft.state (fn f32_load(offset: i32) -> f32",
                "found none named i64_inc");
    }

    @Test
    void aGraftStateFunctionOfTheWrongTypeIsALinkErrorInMunsWords() {
        String wat = StateGuests.POKE.replace("(import \"graft.state\" \"i64_add\" (func $i64_add (param i32 i64) (result i64)))",
                "(import \"graft.state\" \"i64_add\" (func $i64_add_narrow (param i32 i32) (result i32)))\n"
                        + "(import \"graft.state\" \"i64_add\" (func $i64_add (param i32 i64) (result i64)))");
        refused(PluginLinkException.class, write("mistyped.wasm", StateGuests.manifest("poke", "2.0.0", "test.poke@1.0", SHAPE, 16), wat),
                "import graft.state.i64_add: expected fn i64_add(offset: i32, delta: i64) -> i64, found fn i64_add(i32, i32) -> i32",
                "(wasm: expected (param i32 i64) (result i64), found (param i32 i32) (result i32))");
    }

    @Test
    void offsetsOutsideTheStateOrMisalignedTrapNamingOffsetWidthAndSize() {
        try (Graft graft = Graft.builder().contract(Poke.class).build()) {
            String label = graft.load(v1).label();
            Poke poke = graft.contract(Poke.class);
            poke.setI64(0, 5);
            trap(() -> poke.getI64(16), label, "function getI64", "graft.state.i64_load at offset 16, width 8",
                    "expected an offset from 0 to 8, a multiple of 8, in the state of 16 bytes, found 16, outside the state");
            trap(() -> poke.addI64(4, 1), label, "function addI64", "graft.state.i64_add at offset 4, width 8",
                    "found 4, which is not a multiple of 8");
            trap(() -> poke.setI32(-4, 1), label, "function setI32", "graft.state.i32_store at offset 4294967292, width 4",
                    "outside the state");
            trap(() -> poke.casI64(12, 0, 1), label, "function casI64", "graft.state.i64_cas at offset 12, width 8");
            trap(() -> poke.setText(12, "abcdefgh"), label, "function setText", "graft.state.write at offset 12, length 8",
                    "expected bytes inside the state of 16 bytes, found them ending at 20");
            trap(() -> poke.getText(8, -1), label, "function getText");
            assertEquals(5, poke.getI64(0), "the next call runs in a fresh instance, the state untouched");
            assertEquals(6, poke.addI64(0, 1));
        }
    }

    private static void trap(Executable call, String label, String... mentions) {
        WasmTrapException e = assertThrows(WasmTrapException.class, call);
        assertEquals(TrapKind.STATE_ACCESS, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("plugin 'poke' (" + label + ")") && e.getMessage().contains("invalid state access"),
                e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "expected '" + m + "' in: " + e.getMessage());
        }
    }
}
