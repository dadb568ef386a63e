package dev.graft.wasm;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JVM bytecode Chicory compiled for the last few modules, by the module's digest, so that
 * reloading a module compiled before (reload of an unchanged artifact, a rollback, toggling
 * between two builds) skips the compiler. Each version still defines its own classes from these
 * bytes, in its own class loader, so nothing is shared between versions but the bytes. Bounded:
 * the least recently used entry goes first.
 *
 * <p>It is also where Graft's stop check goes into the compiled code: what Chicory stores here is
 * kept with its interruption check rewritten by {@link StopHook} where it can be, and every
 * version's classes are defined from the stored bytes.
 */
final class CompileCache implements Cache {

    private static final int ENTRIES = 16;

    /** A module's compiled classes: the machine factory, and the stop hook they read, or null. */
    record Compiled(Function<Instance, Machine> machines, VarHandle hook) {
    }

    private record Stored(byte[] jar, boolean hooked) {
    }

    private final Map<String, Stored> entries = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > ENTRIES;
        }
    };

    /**
     * Compiles {@code module} (functions too large for a JVM method are interpreted), or takes its
     * classes from the cache. The classes are always defined from the stored, rewritten bytes: on
     * a miss Chicory compiles and stores them, and they are then defined a second time from the
     * store, pinned, so that an eviction in between cannot hand back classes without the hook.
     */
    Compiled compile(WasmModule module) {
        String key = module.digest();
        if (key == null) {
            return new Compiled(builder(module).compile(), null);
        }
        Stored entry = entry(key);
        if (entry == null) {
            builder(module).withCache(this).compile();
            entry = entry(key);
            if (entry == null) { // evicted at once by sixteen other modules: compile without the store
                return new Compiled(builder(module).compile(), null);
            }
        }
        byte[] jar = entry.jar();
        Cache pinned = new Cache() {
            @Override
            public byte[] get(String digest) {
                return jar;
            }

            @Override
            public void putIfAbsent(String digest, byte[] data) {
            }
        };
        Function<Instance, Machine> machines = builder(module).withCache(pinned).compile();
        return new Compiled(machines, entry.hooked() ? StopHook.of(machines) : null);
    }

    private static MachineFactoryCompiler.Builder builder(WasmModule module) {
        return MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
    }

    private synchronized Stored entry(String key) {
        return entries.get(key);
    }

    @Override
    public synchronized byte[] get(String key) {
        Stored entry = entries.get(key);
        return entry == null ? null : entry.jar();
    }

    @Override
    public void putIfAbsent(String key, byte[] data) {
        byte[] hooked = StopHook.rewrite(data);
        Stored entry = hooked == null ? new Stored(data, false) : new Stored(hooked, true);
        synchronized (this) {
            entries.putIfAbsent(key, entry);
        }
    }
}
