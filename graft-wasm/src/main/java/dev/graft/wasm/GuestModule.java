package dev.graft.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A plugin version's module, decoded, validated, linked and (by default) compiled to JVM bytecode
 * once; it makes as many instances as the version's {@link InstancePool} needs.
 */
final class GuestModule {

    /** The reactor initialiser clang and Rust emit for modules without {@code main}; run once per instance. */
    static final String INITIALIZE = "_initialize";
    static final String ALLOC = "graft_alloc";
    static final String FREE = "graft_free";

    private final WasmModule module;
    private final Function<Instance, Machine> machines;
    private final VarHandle stopHook;
    private final boolean cooperative;
    private final int[] functionIndices;
    private final MethodHandle[] compiledFunctions;
    private final MemoryLimits memoryLimits;
    private final String[] exports;
    private final boolean usesMemory;
    private final int maxArgs;
    private final ImportBinding imports;

    /**
     * @param memoryLimits the module's own limits with the maximum lowered to the plugin's ceiling, or null without memory
     * @param functions    every bound function, in index order
     * @param imports      the host functions each instance imports
     */
    GuestModule(WasmModule module, ExecutionMode mode, CompileCache cache, MemoryLimits memoryLimits, List<BoundFunction> functions,
                boolean usesMemory, ImportBinding imports) {
        this.module = module;
        // one compilation per version, shared by its instances; functions too large for a JVM method are interpreted
        CompileCache.Compiled compiled = mode == ExecutionMode.COMPILED ? cache.compile(module) : null;
        this.machines = compiled == null ? InterpreterMachine::new : compiled.machines();
        this.stopHook = compiled == null ? null : compiled.hook();
        // a host module's function may block, and only an interrupt wakes it: see InstancePool
        this.cooperative = stopHook != null && !imports.callsHostModules();
        // Machine.call, the cheapest entry, skips ExportFunction's sweep of wasm GC objects: only for modules that have none
        boolean gcTypes = Arrays.stream(module.typeSection().types()).anyMatch(Objects::isNull);
        this.functionIndices = gcTypes ? null : functions.stream().mapToInt(f -> functionIndex(module, f.export())).toArray();
        // the compiled methods themselves, where StopHook rewrote the module (so every function is compiled)
        this.compiledFunctions = stopHook != null && functionIndices != null
                ? CompiledFunctions.find(machines, functionIndices) : new MethodHandle[functions.size()];
        this.memoryLimits = memoryLimits;
        this.exports = functions.stream().map(BoundFunction::export).toArray(String[]::new);
        this.usesMemory = usesMemory;
        this.maxArgs = functions.stream().mapToInt(f -> f.signature().lowered().params().size()).max().orElse(0);
        this.imports = imports;
    }

    /**
     * A new instance: memory allocated and initialised, the start function and {@code _initialize}
     * run (a command's {@code _start} is not: a plugin is a library). Runs guest code: the caller
     * holds a lane, so the deadline applies. The instance gets its own host functions, bound to its
     * own {@link HostCalls} (they may be called from the start function already, except
     * {@code graft.state}'s: see {@link HostCalls#checkInitialised}).
     *
     * @param lane the lane the instance is made for, and will only ever run in
     */
    GuestInstance instantiate(Lane lane) {
        HostCalls calls = imports.isEmpty() ? null : new HostCalls(imports.usesAllocator(), lane);
        Instance.Builder builder = Instance.builder(module)
                .withMachineFactory(machines)
                .withImportValues(calls == null ? ImportValues.empty() : imports.valuesFor(calls))
                .withStart(false); // the module's start function runs all the same; withStart is about a command's _start
        if (memoryLimits != null) {
            // pages as byte arrays: the faster of Chicory's memories on current JVMs
            builder.withMemoryLimits(memoryLimits).withMemoryFactory(ByteArrayMemory::new);
        }
        Instance instance = builder.build();
        if (hasFunctionExport(INITIALIZE)) {
            instance.export(INITIALIZE).apply();
        }
        if (calls != null) {
            calls.initialised();
        }
        ExportFunction[] functions = null;
        if (functionIndices == null) {
            functions = new ExportFunction[exports.length];
            for (int i = 0; i < exports.length; i++) {
                functions[i] = instance.export(exports[i]);
            }
        }
        return usesMemory
                ? new GuestInstance(instance, functionIndices, functions, instance.export(ALLOC), instance.export(FREE), maxArgs)
                : new GuestInstance(instance, functionIndices, functions, null, null, maxArgs);
    }

    /**
     * Whether calls can be stopped without {@link Thread#interrupt}: every function compiled, with
     * Graft's stop check ({@link StopHook}), and no host module function imported.
     */
    boolean cooperative() {
        return cooperative;
    }

    /** The static field the compiled code's stop check reads; null unless {@link #cooperative}. */
    VarHandle stopHook() {
        return cooperative ? stopHook : null;
    }

    /**
     * The compiled method of bound function {@code index}, {@code func_N(params..., Memory,
     * Instance)} ({@link CompiledFunctions}), or null where calls go through {@code Machine.call}.
     */
    MethodHandle compiledFunction(int index) {
        return compiledFunctions[index];
    }

    private static int functionIndex(WasmModule module, String export) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            var e = module.exportSection().getExport(i);
            if (e.name().equals(export) && e.exportType() == ExternalType.FUNCTION) {
                return e.index();
            }
        }
        throw new IllegalStateException("no function export " + export + " (checked at link)");
    }

    private boolean hasFunctionExport(String name) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            var e = module.exportSection().getExport(i);
            if (e.name().equals(name) && e.exportType() == ExternalType.FUNCTION) {
                return true;
            }
        }
        return false;
    }
}
