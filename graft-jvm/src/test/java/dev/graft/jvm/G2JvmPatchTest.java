package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.patch.PatchInfo;
import dev.graft.core.patch.Patchable;
import dev.graft.core.testing.InspectedAlike;
import dev.graft.jvm.fixture.HalfPrice;
import dev.graft.jvm.fixture.IntDiscount;
import dev.graft.jvm.fixture.LongDiscount;
import dev.graft.jvm.fixture.TenOff;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches from JVM plugins ({@code patches = NAME} and {@code patch.NAME = CLASS}): the class is
 * checked against the function's interface at link time; a reload replaces the plugin's patch, an
 * unload withdraws it; an unknown function, a missing or extra key or a class of the wrong type
 * fails the load or reload with the old patch still running (G2).
 */
class G2JvmPatchTest {

    @TempDir
    Path dir;

    private static TestJar patching(String version, String function, Class<?> body) {
        return TestJar.plugin("pricing", version).line("patches = " + function)
                .line("patch." + function + " = " + body.getName()).classes(body);
    }

    @Test
    void aPluginsClassPatchesTheFunctionUntilItIsReloadedOrUnloaded() {
        Path v1 = patching("1.0.0", "discount", HalfPrice.class).write(dir, "v1.jar");
        Path v2 = patching("2.0.0", "discount", TenOff.class).write(dir, "v2.jar");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            DoubleUnaryOperator f = discount.function();
            graft.load(v1);
            assertEquals(50.0, f.applyAsDouble(100));
            graft.reload("pricing", v2);
            assertEquals(90.0, f.applyAsDouble(100));
            assertEquals(List.of("pricing@2.0.0#2"), discount.patches().stream().map(PatchInfo::versionLabel).toList());
            graft.unload("pricing");
            assertEquals(100.0, f.applyAsDouble(100));
        }
    }

    @Test
    void aClassOfTheWrongSignatureFailsTheReloadAndTheOldPatchRuns() {
        Path v1 = patching("1.0.0", "discount", HalfPrice.class).write(dir, "v1.jar");
        Path wrong = patching("2.0.0", "discount", IntDiscount.class).write(dir, "wrong.jar");
        Path unknown = patching("2.0.0", "discont", HalfPrice.class).write(dir, "unknown.jar");
        Path otherFunction = patching("2.0.0", "discount", LongDiscount.class).write(dir, "long.jar");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(v1);
            assertEquals("plugin 'pricing' (wrong.jar): patchable function 'discount' (java.util.function.DoubleUnaryOperator), class "
                    + IntDiscount.class.getName() + ": expected fn discount(double) -> double implementing "
                    + "java.util.function.DoubleUnaryOperator.applyAsDouble, found fn discount(int) -> double, not implementing it",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", wrong)).getMessage());
            assertEquals("plugin 'pricing' (long.jar): patchable function 'discount' (java.util.function.DoubleUnaryOperator), class "
                    + LongDiscount.class.getName() + ": expected fn discount(double) -> double implementing "
                    + "java.util.function.DoubleUnaryOperator.applyAsDouble, found fn discount(long) -> long implementing "
                    + "java.util.function.LongUnaryOperator.applyAsLong",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", otherFunction)).getMessage());
            assertEquals("plugin 'pricing' (unknown.jar): expected a patchable function 'discont' declared by the host "
                    + "(patches = discont), found only discount",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", unknown)).getMessage());
            // graft inspect loads the patch classes without initialising them and judges them as the reload did
            for (Path refused : List.of(wrong, otherFunction, unknown)) {
                InspectedAlike.assertInspectionRefusesAsReload(graft, "pricing", refused);
            }
            assertTrue(graft.inspect(v1).loadable());
            assertEquals(50.0, discount.function().applyAsDouble(100));
            assertEquals("1.0.0", graft.plugin("pricing").orElseThrow().version().toString());
        }
    }

    @Test
    void missingAndExtraPatchKeysAreManifestErrors() {
        Path missing = TestJar.plugin("pricing", "1.0.0").line("patches = discount").write(dir, "missing.jar");
        Path extra = TestJar.plugin("pricing", "1.0.0").line("patch.discount = " + HalfPrice.class.getName())
                .classes(HalfPrice.class).write(dir, "extra.jar");
        try (Graft graft = Graft.builder().build()) {
            graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            assertEquals("plugin 'pricing' (missing.jar): META-INF/graft-plugin.properties line 3: expected a key "
                    + "'patch.discount = <class>' naming the class that implements patchable function 'discount', found none",
                    assertThrows(ManifestException.class, () -> graft.load(missing)).getMessage());
            PluginException e = assertThrows(ManifestException.class, () -> graft.load(extra));
            assertEquals("plugin 'pricing' (extra.jar): META-INF/graft-plugin.properties line 3: expected patch.<function> keys "
                    + "only for functions in patches (it names none), found unknown key 'patch.discount'", e.getMessage());
            assertEquals(List.of(), graft.plugins());
        }
    }
}
