package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.StateDeclarationException;
import dev.graft.examples.greeter.Greeter;
import dev.graft.natives.fixture.Blob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for native state declarations (src/test/c/state_shapes.c, shapes 90 and up): each wrong
 * declaration is a {@link StateDeclarationException} naming the plugin, the artifact, the
 * descriptor's state, what was expected and what was found; nothing is loaded, and a reload to
 * such a library leaves the running version serving. And an ABI 2 library, whose descriptor ends
 * before the state fields, loads without state: nothing past its descriptor is read.
 */
class G5NativeStateDeclarationTest {

    @TempDir
    Path dir;

    private StateDeclarationException refused(int shape, String... fragments) {
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Blob.class).build()) {
            Path artifact = Fixtures.copy("shape_" + shape, dir, "bad-" + shape + ".so");
            StateDeclarationException e = assertThrows(StateDeclarationException.class, () -> graft.load(artifact));
            assertTrue(e.getMessage().startsWith("plugin 'blob' (bad-" + shape + ".so): descriptor graft_plugin state: "),
                    e.getMessage());
            for (String fragment : fragments) {
                assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
            }
            assertEquals(List.of(), graft.plugins(), "nothing is loaded");
            return e;
        }
    }

    @Test
    void malformedDeclarationSaysWhere() {
        refused(90, "state declaration, column 19: expected ':', found 'i64'");
    }

    @Test
    void typeABlockCannotHold() {
        refused(91, "expected a state block field of type bool, i8, i16, u16, i32, i64, f32, f64, u8[N], char[N] or struct{...}, "
                + "found name: str (only JVM state records hold str)");
    }

    @Test
    void stateSizeThatDoesNotMatchTheFields() {
        refused(92, "expected 16 bytes, the size of the C struct of {greetings: i64; last: char[5]} (offsets greetings 0, last 8), "
                + "found 13");
    }

    @Test
    void stateSizeWithoutADeclaration() {
        refused(93, "expected a state declaration with state_size 8, found NULL");
    }

    @Test
    void declarationWithoutAStateSize() {
        refused(94, "expected 8 bytes, the size of the C struct of {count: i64} (offsets count 0), found 0: a declaration needs the "
                + "size of its struct (state_size)");
    }

    @Test
    void reloadToABadDeclarationLeavesTheRunningVersionAndItsState() {
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Blob.class).build()) {
            graft.load(Fixtures.copy("shape_13", dir, "good.so"));
            Blob blob = graft.contract(Blob.class);
            blob.write(new byte[] {42, 0, 0, 0, 0, 0, 0, 0});
            Path bad = Fixtures.copy("shape_92", dir, "bad.so");
            StateDeclarationException e = assertThrows(StateDeclarationException.class, () -> graft.reload("blob", bad));
            assertTrue(e.getMessage().contains("bad.so"), e.getMessage());
            assertEquals(Optional.of(java.util.Map.of("count", 42L)), graft.state("blob"));
            assertEquals("13.0.0", graft.plugin("blob").orElseThrow().version().toString());
        }
    }

    @Test
    void abi2LibraryLoadsWithoutStateAndNothingPastItsDescriptorIsRead() {
        try (Graft graft = Fixtures.greeterHost().build()) {
            graft.load(Fixtures.copy("abi_v2", dir, "abi2.so"));
            assertEquals("Bad, x!", graft.contract(Greeter.class).greet("x"), "its init found no state block, as it expects");
            assertEquals(Optional.empty(), graft.state("greeter"));
        }
    }
}
