package dev.graft.wasm;

import com.dylibso.chicory.compiler.Cache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM bytecode Chicory compiled for the last few modules, by the module's digest, so that
 * reloading a module compiled before (reload of an unchanged artifact, a rollback, toggling
 * between two builds) skips the compiler. Each version still defines its own classes from these
 * bytes, in its own class loader, so nothing is shared between versions but the bytes. Bounded:
 * the least recently used entry goes first.
 */
final class CompileCache implements Cache {

    private static final int ENTRIES = 16;

    private final Map<String, byte[]> entries = new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > ENTRIES;
        }
    };

    @Override
    public synchronized byte[] get(String key) {
        return entries.get(key);
    }

    @Override
    public synchronized void putIfAbsent(String key, byte[] data) {
        entries.putIfAbsent(key, data);
    }
}
