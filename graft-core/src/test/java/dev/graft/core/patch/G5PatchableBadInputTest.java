package dev.graft.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.core.Graft;
import dev.graft.core.ManifestException;
import dev.graft.core.testing.TestLoader;
import dev.graft.core.testing.TestPlugin;
import dev.graft.core.testing.TestPlugins;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G5 for patchable functions: each bad declaration, patch or manifest entry gets a typed exception saying what was expected and found. */
class G5PatchableBadInputTest {

    /** Two abstract methods: no functional interface. */
    public interface TwoMethods {
        int a();

        int b();
    }

    @TempDir
    Path dir;

    private static Graft graft() {
        return Graft.builder().loader(new TestLoader()).discoverLoaders(false).build();
    }

    @Test
    void badNames() {
        try (Graft graft = graft()) {
            assertEquals("expected a patchable function name of letters, digits and '_' (a C identifier, such as discount), found 'a-b'",
                    assertThrows(PatchableException.class, () -> graft.patchable("a-b", IntUnaryOperator.class, x -> x)).getMessage());
            assertEquals("expected a patchable function name of letters, digits and '_' (a C identifier, such as discount), found null",
                    assertThrows(PatchableException.class, () -> graft.patchable(null, IntUnaryOperator.class, x -> x)).getMessage());
        }
    }

    @Test
    void badTypes() {
        try (Graft graft = graft()) {
            assertEquals("expected a public interface with one abstract method as the type of patchable function 'f', found class java.lang.String",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", String.class, "x")).getMessage());
            assertEquals("expected a public interface with one abstract method as the type of patchable function 'f', found "
                            + TwoMethods.class.getName() + " with 2: fn a() -> int, fn b() -> int",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", TwoMethods.class, null)).getMessage());
            assertEquals("expected a public interface with one abstract method as the type of patchable function 'f', found null",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", null, null)).getMessage());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void badDefaultBodies() {
        try (Graft graft = graft()) {
            assertEquals("expected a default body for patchable function 'f' (java.util.function.IntUnaryOperator) implementing "
                            + "fn f(int) -> int, found null",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", IntUnaryOperator.class, null)).getMessage());
            Class raw = IntUnaryOperator.class;
            assertEquals("expected a default body for patchable function 'f' (java.util.function.IntUnaryOperator) implementing "
                            + "fn f(int) -> int, found a java.lang.String",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", raw, "x")).getMessage());
        }
    }

    @Test
    void aNameDeclaredTwice() {
        try (Graft graft = graft()) {
            graft.patchable("f", IntUnaryOperator.class, x -> x);
            assertEquals("expected a name not declared yet for a new patchable function, found 'f' declared already as "
                            + "patchable function 'f' (java.util.function.IntUnaryOperator)",
                    assertThrows(PatchableException.class, () -> graft.patchable("f", DoubleUnaryOperator.class, x -> x)).getMessage());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void badPatches() {
        try (Graft graft = graft()) {
            Patchable<IntUnaryOperator> p = graft.patchable("f", IntUnaryOperator.class, x -> x);
            assertEquals("expected a body for patchable function 'f' (java.util.function.IntUnaryOperator) implementing fn f(int) -> int, "
                    + "found null", assertThrows(PatchableException.class, () -> p.patch(null)).getMessage());
            Patchable raw = p;
            assertEquals("expected a body for patchable function 'f' (java.util.function.IntUnaryOperator) implementing fn f(int) -> int, "
                    + "found a java.lang.String", assertThrows(PatchableException.class, () -> raw.patch("x")).getMessage());
            assertEquals("expected a body for patchable function 'f' (java.util.function.IntUnaryOperator) other than its own function "
                            + "(a call would call itself for ever), found the function itself",
                    assertThrows(PatchableException.class, () -> p.patch(p.function())).getMessage());
            assertEquals(3, p.function().applyAsInt(3));
        }
    }

    @Test
    void badManifestEntries() {
        TestPlugins plugins = new TestPlugins(dir);
        Path badName = plugins.write("a.testplugin", TestPlugin.of("a", "1.0.0").patches("no-such"));
        Path twice = plugins.write("b.testplugin", TestPlugin.of("b", "1.0.0").patches("f", "f"));
        try (Graft graft = graft()) {
            graft.patchable("f", IntUnaryOperator.class, x -> x);
            assertEquals("plugin 'a' (" + badName.getFileName() + "): test manifest line 3: expected a patchable function name of letters, digits "
                    + "and '_' (a C identifier, such as discount), found 'no-such'",
                    assertThrows(ManifestException.class, () -> graft.load(badName)).getMessage());
            assertEquals("plugin 'b' (" + twice.getFileName() + "): test manifest line 3: expected each patchable function once in patches, found 'f' twice",
                    assertThrows(ManifestException.class, () -> graft.load(twice)).getMessage());
        }
    }

    @Test
    void theProxyAndTheListSayWhatTheyAre() {
        try (Graft graft = graft()) {
            Patchable<Supplier> p = graft.patchable("s", Supplier.class, () -> "d");
            assertEquals("graft proxy of s@1.0 (java.util.function.Supplier) from patchable function 's'", p.function().toString());
            p.patch(() -> "h");
            assertEquals("[s patched by the host]", graft.patches().toString());
        }
    }
}
