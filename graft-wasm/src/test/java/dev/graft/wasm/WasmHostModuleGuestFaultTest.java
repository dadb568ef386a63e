package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Kit;
import dev.graft.wasm.fixture.KitModule;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a guest gets wrong around a host call is the guest's failure, not the host module's: a
 * buffer for graft.host's functions outside its memory, or its own graft_alloc misbehaving while the
 * host places a result (a pointer outside memory, a trap) ends the guest's call with the exception it
 * would raise outside a host call, naming plugin and function; the next call runs in a fresh instance.
 */
class WasmHostModuleGuestFaultTest {

    /**
     * {@link Greeting} whose next(n) misbehaves by n: 1, error_message into a buffer outside memory;
     * 2, fail with a message outside memory; 3 and 4, kit.echo with graft_alloc answering a pointer
     * outside memory, or trapping; 0, returns 7.
     */
    private static final String GUEST = "(module "
            + "(import \"graft.host\" \"error_message\" (func $error_message (param i32 i32) (result i32)))"
            + "(import \"graft.host\" \"fail\" (func $fail (param i32 i32 i32)))"
            + "(import \"test.wasm.kit\" \"echo\" (func $echo (param i32 i32 i32) (result i64)))"
            + "(global $mode (mut i32) (i32.const 0))"
            + Wat.ALLOCATOR.replaceFirst("\\(local\\.set \\$p \\(global\\.get \\$top\\)\\)", java.util.regex.Matcher.quoteReplacement("""
                (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.const 0x7ffffff0))))
                (if (i32.eq (global.get $mode) (i32.const 2)) (then unreachable))
                (local.set $p (global.get $top))"""))
            + """
              (data (i32.const 16) "hello")
              (func (export "greet") (param i32 i32) (result i64) (i64.const 0))
              (func (export "next") (param $n i32) (result i32)
                (if (i32.eq (local.get $n) (i32.const 1))
                  (then (drop (call $error_message (i32.const 0x7ffffff0) (i32.const 64)))))
                (if (i32.eq (local.get $n) (i32.const 2))
                  (then (call $fail (i32.const 1) (i32.const 0x7ffffff0) (i32.const 64))))
                (if (i32.eq (local.get $n) (i32.const 3))
                  (then (global.set $mode (i32.const 1)) (drop (call $echo (i32.const 16) (i32.const 5) (i32.const 1024)))))
                (if (i32.eq (local.get $n) (i32.const 4))
                  (then (global.set $mode (i32.const 2)) (drop (call $echo (i32.const 16) (i32.const 5) (i32.const 1024)))))
                (i32.const 7)))
            """;

    @TempDir
    Path dir;

    private Graft graft;
    private Greeting guest;

    @BeforeEach
    void load() {
        graft = Graft.builder().contract(Greeting.class)
                .hostModule(Kit.class, context -> new KitModule())
                .grant("faulty", Kit.class)
                .build();
        graft.load(Wat.write(dir, "faulty.wasm", Wat.manifest("faulty", "1.0.0", "test.greeting@1.0", "imports = test.wasm.kit@1.0"),
                GUEST));
        guest = graft.contract(Greeting.class);
    }

    @AfterEach
    void close() {
        graft.close();
    }

    @Test
    void aBufferOutsideMemoryForTheErrorMessageEndsTheCall() {
        WasmAbiException e = assertThrows(WasmAbiException.class, () -> guest.next(1));
        assertTrue(e.getMessage().contains("plugin 'faulty'") && e.getMessage().contains("function next: expected a buffer for"
                + " graft.host.error_message inside the guest's memory of 65536 bytes, found pointer 2147483632 and capacity 64"),
                e.getMessage());
        assertEquals(7, guest.next(0), "the next call runs in a fresh instance");
    }

    @Test
    void aFailureMessageOutsideMemoryEndsTheCall() {
        WasmAbiException e = assertThrows(WasmAbiException.class, () -> guest.next(2));
        assertTrue(e.getMessage().contains("function next: expected the message of graft.host.fail inside the guest's memory of"
                + " 65536 bytes, found pointer 2147483632 and length 64"), e.getMessage());
        assertEquals(7, guest.next(0));
    }

    @Test
    void anAllocatorAnsweringAPointerOutsideMemoryDuringAHostCallEndsTheCall() {
        WasmAbiException e = assertThrows(WasmAbiException.class, () -> guest.next(3));
        assertTrue(e.getMessage().contains("function next: expected graft_alloc(5) to return a buffer inside the guest's memory of"
                + " 65536 bytes, found pointer 2147483632"), e.getMessage());
        assertEquals(7, guest.next(0));
    }

    @Test
    void anAllocatorThatTrapsDuringAHostCallIsATrapNotAStatus() {
        WasmTrapException e = assertThrows(WasmTrapException.class, () -> guest.next(4));
        assertEquals(TrapKind.UNREACHABLE, e.kind());
        assertEquals("next", e.function());
        assertEquals(7, guest.next(0));
    }
}
