package dev.graft.wasm;

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
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guard;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.BadModules;
import dev.graft.wasm.testing.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for wasm plugins: each kind of bad module ends in a typed exception whose message names the
 * plugin, the artifact, what was expected and what was found; the version running before keeps
 * serving (every case is a reload over a good v1).
 */
class G5WasmBadInputTest {

    private static final String V2 = Wat.manifest("greeting", "2.0.0", "test.greeting@1.0");

    @TempDir
    Path dir;

    private Graft graft;
    private Greeting greeting;

    @BeforeEach
    void loadGoodVersion() {
        graft = Graft.builder().contract(Greeting.class).contract(Guard.class).discoverLoaders(false)
                .loader(new WasmPluginLoader(WasmSettings.defaults().withCallTimeout(Duration.ofMillis(300)).withMaxMemoryPages(16)))
                .build();
        graft.load(Wat.write(dir, "v1.wasm", Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"), Guests.greeting("v1 ", 1)));
        greeting = graft.contract(Greeting.class);
    }

    @AfterEach
    void close() {
        graft.close();
    }

    /** Reloads with a bad artifact: the expected exception, naming plugin and artifact and the fragments; v1 still serves. */
    private <E extends PluginException> E refused(Class<E> type, byte[] module, String... fragments) {
        Path artifact = Wat.write(dir.resolve("v2.wasm"), module);
        E e = assertThrows(type, () -> graft.reload("greeting", artifact));
        assertTrue(e.getMessage().contains("plugin 'greeting'") && e.getMessage().contains("v2.wasm"),
                "names plugin and artifact: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        assertEquals("v1 x", greeting.greet("x"), "v1 still serves");
        assertEquals(2, greeting.next(1));
        assertEquals("1.0.0", graft.plugin("greeting").orElseThrow().version().toString());
        return e;
    }

    private static byte[] v2(String wat) {
        return Wat.plugin(V2, wat);
    }

    @Test
    void notWasm() {
        refused(InvalidArtifactException.class, "#!/bin/sh\necho not wasm\n".getBytes(StandardCharsets.UTF_8),
                "expected a WebAssembly module (starting with bytes 00 61 73 6d)", "found a file starting with bytes 23 21 2f 62");
    }

    @Test
    void truncatedModule() {
        refused(InvalidArtifactException.class, BadModules.truncated(v2(Guests.greeting("v2 ", 2)), 0.5),
                "truncated module", "declares", "found only");
    }

    @Test
    void moduleThatFailsValidation() {
        refused(InvalidArtifactException.class, BadModules.failingValidation(V2), "expected a valid WebAssembly module",
                "fails validation");
    }

    @Test
    void noManifestSection() {
        refused(ManifestException.class, Wat.compile(Guests.greeting("v2 ", 2)), "expected a custom section 'graft.manifest'",
                "found only sections");
    }

    @Test
    void limitAboveTheHostsInTheManifest() {
        refused(ManifestException.class, Wat.plugin(V2 + "max-memory-pages = 1000\n", Guests.greeting("v2 ", 2)),
                "line 4", "expected 'max-memory-pages' between 1 and 16", "found 1000");
    }

    @Test
    void misspeltKeyIsNamedOnItsLine() {
        refused(ManifestException.class, Wat.plugin("id = greeting\nverison = 2.0.0\nprovides = test.greeting@1.0\n",
                Guests.greeting("v2 ", 2)), "line 2", "found unknown key 'verison' (did you mean 'version'?)");
        refused(ManifestException.class, Wat.plugin(V2 + "max-memory-page = 8\n", Guests.greeting("v2 ", 2)),
                "line 4", "found unknown key 'max-memory-page' (did you mean 'max-memory-pages'?)");
    }

    @Test
    void missingExport() {
        String withoutNext = Guests.greeting("v2 ", 2).replace("(func (export \"next\")", "(func $next");
        refused(ContractMismatchException.class, v2(withoutNext), "expected fn next(i32) -> i32, found no export named next",
                "the module exports graft_alloc, graft_free, greet, memory (memory)");
    }

    @Test
    void exportOfTheWrongTypeReadsLikeMun() {
        String wrong = Guests.greeting("v2 ", 2).replace("(param $p i32) (param $n i32) (result i64)",
                "(param $p i32) (result i64) (local $n i32)");
        refused(ContractMismatchException.class, v2(wrong), "expected fn greet(str) -> str, found fn greet(i32) -> str",
                "(wasm: expected (param i32 i32) (result i64), found (param i32) (result i64))");
    }

    @Test
    void exportThatIsNotAFunction() {
        String global = Guests.greeting("v2 ", 2).replace("(func (export \"next\")", "(global (export \"next\") i32 (i32.const 1)) (func");
        refused(ContractMismatchException.class, v2(global), "expected fn next(i32) -> i32, found a global named next");
    }

    @Test
    void unknownImport() {
        // nothing is granted to a plugin whose manifest imports nothing: WasmHostModuleImportTest has the other cases
        String importing = Wat.with(Guests.greeting("v2 ", 2), "(import \"env\" \"log\" (func (param i32 i32)))");
        refused(PluginLinkException.class, v2(importing), "import env.log: expected a function of a host module the plugin imports"
                + " (its manifest imports none), found none named env");
    }

    @Test
    void missingAllocator() {
        String noAlloc = Guests.greeting("v2 ", 2).replace("(export \"graft_alloc\")", "");
        refused(PluginLinkException.class, v2(noAlloc), "expected fn graft_alloc(i32 size) -> i32, found no export named graft_alloc");
    }

    @Test
    void contractTheHostDoesNotKnow() {
        refused(ContractMismatchException.class, Wat.plugin(Wat.manifest("greeting", "2.0.0", "test.unknown@1.0"),
                Guests.greeting("v2 ", 2)), "expected the host to know contract test.unknown@1.0", "found no Java interface");
    }

    @Test
    void startFunctionThatTraps() {
        String trapping = Wat.with(Guests.greeting("v2 ", 2), "(start $boom) (func $boom unreachable)");
        PluginStartException e = refused(PluginStartException.class, v2(trapping), "initialising the first instance failed",
                "trapped: unreachable executed");
        assertTrue(e.getCause() instanceof WasmTrapException t && t.kind() == TrapKind.UNREACHABLE, String.valueOf(e.getCause()));
    }

    @Test
    void startFunctionThatNeverEnds() {
        String looping = Wat.with(Guests.greeting("v2 ", 2), "(start $loop) (func $loop (loop $l (br $l)))");
        refused(PluginStartException.class, v2(looping), "initialising the first instance failed",
                "expected the call to return within 300 ms");
    }

    @Test
    void memoryLimitExceededByTheDeclaredMemory() {
        String big = Guests.greeting("v2 ", 2).replace("(memory (export \"memory\") 1)", "(memory (export \"memory\") 32)");
        refused(PluginLinkException.class, v2(big), "expected the module's memory to start within the plugin's limit of 16 pages",
                "found it asks for 32 initial pages");
    }

    @Test
    void memoryLimitExceededDuringInitialisation() {
        // the start function grows memory past the limit: memory.grow answers -1 inside the guest, which gives up
        String growing = Wat.with(Guests.greeting("v2 ", 2), "(start $grow) (func $grow (if (i32.eq (memory.grow (i32.const 40)) (i32.const -1)) (then unreachable)))");
        refused(PluginStartException.class, v2(growing), "trapped: unreachable executed");
    }

    @Test
    void stringResultOutsideMemoryIsACallErrorAndTheNextCallWorks() {
        graft.load(Wat.write(dir, "guard.wasm", Wat.manifest("guard", "1.0.0", "test.guard@1.0"), Guests.guard("")));
        Guard guard = graft.contract(Guard.class);
        WasmAbiException pointer = assertThrows(WasmAbiException.class, () -> guard.bad(0));
        assertTrue(pointer.getMessage().contains("plugin 'guard'") && pointer.getMessage().contains("function bad")
                && pointer.getMessage().contains("expected a str result inside the guest's memory of 65536 bytes, found pointer 2147483632 and length 8"),
                pointer.getMessage());
        WasmAbiException length = assertThrows(WasmAbiException.class, () -> guard.bad(1));
        assertTrue(length.getMessage().contains("length 2147483647"), length.getMessage());
        WasmAbiException negative = assertThrows(WasmAbiException.class, () -> guard.bad(3));
        assertTrue(negative.getMessage().contains("length 4294967295"), negative.getMessage());
        assertEquals("ok", guard.bad(2), "the instance was replaced; the next call works");
    }
}
