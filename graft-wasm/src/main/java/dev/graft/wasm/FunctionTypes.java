package dev.graft.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;

/**
 * The wasm type of a module's function by its index. Function indices count the imported
 * functions first, in import order, then the module's own; an export may name either (a module
 * may re-export a host function it imports).
 */
final class FunctionTypes {

    private FunctionTypes() {
    }

    static FunctionType of(WasmModule module, int functionIndex) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        if (functionIndex >= imported) {
            return module.typeSection().getType(module.functionSection().getFunctionType(functionIndex - imported));
        }
        int seen = 0;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp instanceof FunctionImport f && seen++ == functionIndex) {
                return module.typeSection().getType(f.typeIndex());
            }
        }
        throw new IllegalStateException("function " + functionIndex + " of " + imported + " imported"); // the parser validated the index
    }
}
