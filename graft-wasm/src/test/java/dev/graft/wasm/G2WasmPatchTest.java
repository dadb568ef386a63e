package dev.graft.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.PluginLinkException;
import dev.graft.core.patch.Patchable;
import dev.graft.core.testing.InspectedAlike;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches from wasm plugins: {@code patches = discount} takes the export {@code discount}, checked
 * against the function's interface in Mun's style; a reload replaces the patch, an unload withdraws
 * it, and a mismatched or missing export fails the reload with the old patch running (G2).
 */
class G2WasmPatchTest {

    @TempDir
    Path dir;

    private Path module(String file, String version, String body) {
        return Wat.write(dir, file, Wat.manifest("pricing", version, "", "patches = discount"), "(module " + body + ")");
    }

    @Test
    void anExportPatchesTheFunctionUntilReloadedOrUnloaded() {
        Path half = module("half.wasm", "1.0.0",
                "(func (export \"discount\") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))");
        Path tenOff = module("ten.wasm", "2.0.0",
                "(func (export \"discount\") (param f64) (result f64) (f64.sub (local.get 0) (f64.const 10)))");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            DoubleUnaryOperator f = discount.function();
            graft.load(half);
            assertEquals(50.0, f.applyAsDouble(100));
            graft.reload("pricing", tenOff);
            assertEquals(90.0, f.applyAsDouble(100));
            graft.unload("pricing");
            assertEquals(100.0, f.applyAsDouble(100));
        }
    }

    @Test
    void aMismatchedOrMissingExportFailsTheReloadAndTheOldPatchRuns() {
        Path half = module("half.wasm", "1.0.0",
                "(func (export \"discount\") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))");
        Path wrong = module("wrong.wasm", "2.0.0", "(func (export \"discount\") (param i32) (result f64) (f64.const 1))");
        Path missing = module("missing.wasm", "2.0.0", "(func (export \"discont\") (param f64) (result f64) (local.get 0))");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(half);
            assertEquals("plugin 'pricing' (wrong.wasm): patchable function 'discount' (java.util.function.DoubleUnaryOperator): "
                    + "expected fn discount(f64) -> f64, found fn discount(i32) -> f64 (wasm: expected (param f64) (result f64), "
                    + "found (param i32) (result f64))",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", wrong)).getMessage());
            assertEquals("plugin 'pricing' (missing.wasm): patchable function 'discount' (java.util.function.DoubleUnaryOperator): "
                    + "expected fn discount(f64) -> f64, found no export named discount",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", missing)).getMessage());
            // graft inspect decodes the module and judges each patch as the reload did
            InspectedAlike.assertInspectionRefusesAsReload(graft, "pricing", wrong);
            InspectedAlike.assertInspectionRefusesAsReload(graft, "pricing", missing);
            assertTrue(graft.inspect(half).loadable());
            assertEquals(50.0, discount.function().applyAsDouble(100));
        }
    }
}
