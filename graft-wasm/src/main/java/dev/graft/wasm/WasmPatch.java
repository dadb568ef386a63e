package dev.graft.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.PluginLinkException;
import dev.graft.core.Version;
import dev.graft.core.patch.PatchableType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Links a patchable function the manifest names in {@code patches} to the module's export of the
 * same name, whose wasm type must be the lowering of the function's method ({@link GuestSignature}):
 * {@code patches = discount} takes the export {@code discount}, {@code (param f64) (result f64)}
 * for a {@code DoubleUnaryOperator}. The result is a binding like a contract's, so the body is a
 * generated provider on the version's instance pool, with the lifetime rules of its contract calls.
 */
final class WasmPatch {

    private WasmPatch() {
    }

    /**
     * @param firstIndex the index the function takes in the instance's export table
     * @throws PluginLinkException Mun-style: {@code expected fn discount(f64) -> f64, found fn discount(i32) -> f64}
     */
    static ContractBinding link(PatchableType patchable, WasmModule module, int firstIndex, String pluginId, Path source) {
        String name = patchable.name();
        String where = "patchable function '" + name + "' (" + patchable.type().getName() + "): ";
        GuestSignature method;
        try {
            method = ContractBinding.signatureOf(patchable.method());
        } catch (IllegalArgumentException e) {
            throw new PluginLinkException(pluginId, source, where + "cannot be patched by a wasm plugin: " + e.getMessage(), e);
        }
        GuestSignature wanted = new GuestSignature(name, method.params(), method.result());
        Export export = null;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if (module.exportSection().getExport(i).name().equals(name)) {
                export = module.exportSection().getExport(i);
            }
        }
        if (export == null) {
            throw new PluginLinkException(pluginId, source, where + "expected " + wanted.expected() + ", found no export named " + name);
        }
        if (export.exportType() != ExternalType.FUNCTION) {
            throw new PluginLinkException(pluginId, source, where + "expected " + wanted.expected() + ", found a "
                    + export.exportType().name().toLowerCase(Locale.ROOT) + " named " + name);
        }
        FunctionType found = FunctionTypes.of(module, export.index());
        if (!wanted.matches(found)) {
            throw new PluginLinkException(pluginId, source, where + "expected " + wanted.expected() + ", found " + wanted.found(found)
                    + " (wasm: expected " + GuestSignature.wat(wanted.lowered()) + ", found " + GuestSignature.wat(found) + ")");
        }
        ContractType<?> type = new ContractType<>(patchable.type(), new ContractRef(name, new Version(1, 0, 0, null)));
        return new ContractBinding(type, List.of(new BoundFunction(patchable.method(), wanted, firstIndex)));
    }
}
