package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.GraftLoggers;
import dev.graft.core.testing.LoggerCapture;
import dev.graft.core.testing.RecordingLog;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C guest calling host modules through the declarations WasmBindgen writes (the sdk's built-in
 * headers and a test module's), built with clang for wasm32 where clang and wasm-ld are installed;
 * skipped (not failed) where they are not. clang checks the declarations; the load checks that the
 * imports clang emits are the ones the host links.
 */
class CGuestHostModuleTest {

    private static final Path SDK = Path.of("..", "sdk", "wasm");

    @TempDir
    Path dir;

    @Test
    void cGuestCallsHostModulesAndPassesTheirFailuresOn() throws Exception {
        assumeTrue(Toolchain.hasClang(),
                "clang and wasm-ld are not installed: C guests are not built here");
        Files.writeString(dir.resolve("greeting.h"), WasmBindgen.cHeader(Greeting.class));
        Files.writeString(dir.resolve("kit.h"), WasmBindgen.cHeader(Kit.class));
        Files.writeString(dir.resolve("guest.c"), """
                #define GRAFT_BUMP_ALLOCATOR
                #include "greeting.h"
                #include "kit.h"
                #include "graft_log.h"
                #include "graft_config.h"
                GRAFT_MANIFEST_LINE("id = c-guest")
                GRAFT_MANIFEST_LINE("version = 1.0.0")
                GRAFT_MANIFEST_LINE("provides = test.greeting@1.0")
                GRAFT_MANIFEST_LINE("imports = graft.log@1.0, graft.config@1.0, test.wasm.kit@1.0")

                graft_result test_greeting_greet(const char *name, uint32_t name_len) {
                    graft_str greeting = {0};
                    graft_host_result r = graft_config_get("greeting", 8, &greeting);
                    if (graft_host_status(r) != 0) {
                        graft_fail_host(r);
                    }
                    graft_str echoed = {0};
                    r = test_wasm_kit_echo(name, name_len, &echoed);
                    if (graft_host_status(r) != 0) {
                        graft_fail_host(r);
                    }
                    uint32_t len = greeting.len + 2 + echoed.len + 1;
                    char *out = graft_alloc(len);
                    __builtin_memcpy(out, greeting.ptr, greeting.len);
                    __builtin_memcpy(out + greeting.len, ", ", 2);
                    __builtin_memcpy(out + greeting.len + 2, echoed.ptr, echoed.len);
                    out[len - 1] = '!';
                    graft_log_info(out, len);
                    return graft_result_of(out, len);
                }

                int32_t test_greeting_next(int32_t n) {
                    if (n < 0) {
                        graft_fail_host(test_wasm_kit_fail("negative", 8));
                    }
                    Point p = {n, 0};
                    Point moved;
                    graft_host_result r = test_wasm_kit_move(&p, 1, &moved);
                    if (graft_host_status(r) != 0) {
                        graft_fail_host(r);
                    }
                    return graft_host_i32(test_wasm_kit_add(moved.x, 0));
                }
                """);
        assertEquals(0, Toolchain.run("clang", "--target=wasm32", "-O2", "-mbulk-memory", "-nostdlib", "-Wl,--no-entry",
                "-I", dir.toString(), "-I", SDK.toString(),
                "-o", dir.resolve("guest.wasm").toString(), dir.resolve("guest.c").toString()),
                "clang builds the guest against the declarations");
        List<String> logged = new CopyOnWriteArrayList<>();
        try (LoggerCapture quiet = LoggerCapture.of(GraftLoggers.HOST_CALLS);
             Graft graft = Graft.builder().contract(Greeting.class)
                     .hostModule(Kit.class, context -> new KitModule())
                     .grant("c-guest", Kit.class)
                     .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                     .config("c-guest", Map.of("greeting", "Grüße"))
                     .build()) {
            graft.load(dir.resolve("guest.wasm"));
            Greeting greeting = graft.contract(Greeting.class);
            assertEquals("Grüße, C!", greeting.greet("C"));
            assertEquals(List.of(graft.plugin("c-guest").orElseThrow().label() + " info: Grüße, C!"), logged);
            assertEquals(8, greeting.next(7));
            WasmGuestException e = assertThrows(WasmGuestException.class, () -> greeting.next(-1));
            assertEquals(2, e.status());
            assertTrue(e.getMessage().endsWith("host module test.wasm.kit@1.1, fn fail(str): threw java.lang.IllegalStateException:"
                    + " negative"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(3, greeting.next(2), "a fresh instance serves the next call");
        }
    }
}
