package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Config;
import dev.graft.api.host.Handles;
import dev.graft.api.host.Log;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.Overloaded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The C import declarations WasmBindgen derives from a host module interface, and the built-ins' headers in sdk/wasm. */
class WasmBindgenHostModuleTest {

    private static final Path SDK = Path.of("..", "sdk", "wasm");

    @Test
    void theSdksHeadersForTheBuiltInsAreBindgensOutput() throws Exception {
        for (Class<?> module : List.of(Log.class, Config.class, Handles.class)) {
            Path committed = SDK.resolve("graft_" + module.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ".h");
            assertEquals(WasmBindgen.cHeader(module), Files.readString(committed),
                    "regenerate " + committed + " with ./graft bindgen --lang wasm --class " + module.getName());
        }
    }

    @Test
    void eachMethodIsAnImportOfTheModulesNameAndTheMethodsWithTheConventionsTypes() {
        String kit = WasmBindgen.cHeader(Kit.class);
        for (String line : List.of(
                "#ifndef GRAFT_IMPORTS_TEST_WASM_KIT_H",
                "imports = test.wasm.kit@1.1",
                "/* int add(int a, int b): fn add(i32, i32) -> i32, the result in graft_host_i32(r) */\n"
                        + "GRAFT_HOST_IMPORT(\"test.wasm.kit\", \"add\") graft_host_result test_wasm_kit_add(int32_t a, int32_t b);",
                "graft_host_result test_wasm_kit_multiply(int64_t a, int64_t b, int64_t *result);",
                "graft_host_result test_wasm_kit_half(float x);",
                "graft_host_result test_wasm_kit_twice(double x, double *result);",
                "graft_host_result test_wasm_kit_negate(bool b);",
                "graft_host_result test_wasm_kit_echo(const char *text, uint32_t text_len, graft_str *result);",
                "graft_host_result test_wasm_kit_reverse(const uint8_t *bytes, uint32_t bytes_len, graft_bytes *result);",
                "graft_host_result test_wasm_kit_move(const Point *p, int32_t dx, Point *result);",
                "graft_host_result test_wasm_kit_rename(const Tag *tag, const char *name, uint32_t name_len, Tag *result);",
                "graft_host_result test_wasm_kit_fail(const char *message, uint32_t message_len);",
                "graft_host_result test_wasm_kit_panic(void);",
                "typedef struct Tag {\n    graft_str name;\n    int64_t id;\n} Tag;",
                "_Static_assert(sizeof(Tag) == 16 && _Alignof(Tag) == 8, \"Tag: the layout Graft expects\");",
                "/* Left out, no wasm mapping: Object opaque(): method opaque(), result: expected a type with a wasm mapping")) {
            assertTrue(kit.contains(line), "expected\n" + line + "\nin:\n" + kit);
        }
        assertTrue(kit.indexOf("test_wasm_kit_add") < kit.indexOf("test_wasm_kit_echo")
                && kit.indexOf("test_wasm_kit_echo") < kit.indexOf("test_wasm_kit_twice"), "sorted by name");
    }

    @Test
    void aModuleThatOverloadsANameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WasmBindgen.cHeader(Overloaded.class));
        assertTrue(e.getMessage().contains("expected one method per name (a wasm import names one function), found twice("),
                e.getMessage());
    }
}
