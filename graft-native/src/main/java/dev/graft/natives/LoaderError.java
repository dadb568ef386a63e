package dev.graft.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The system loader's reason for refusing a library. {@code SymbolLookup.libraryLookup} drops it
 * ({@code Cannot open library: PATH}); {@code dlerror} has it ({@code libacmedep.so: cannot open
 * shared object file: No such file or directory}). Used on the failure path only: the library is
 * opened again with {@code dlopen} directly, with the flags the JDK uses ({@code RTLD_LAZY}), and
 * {@code dlerror} read at once on the same thread (its message is per thread). A library that
 * fails to load runs no constructor, so trying again has no effect of its own; one that loads this
 * time (the file changed meanwhile) is closed again and the JDK's message kept.
 */
final class LoaderError {

    private static final int RTLD_LAZY = 1; // glibc and macOS alike

    private LoaderError() {
    }

    /** The reason {@code dlopen} gives for {@code library} (a path or a name), or {@code fallback} if none can be had. */
    static String reason(String library, String fallback) {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MethodHandle dlopen = linker.downcallHandle(libc.find("dlopen").orElseThrow(),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
            MethodHandle dlerror = linker.downcallHandle(libc.find("dlerror").orElseThrow(), FunctionDescriptor.of(ADDRESS));
            MethodHandle dlclose = linker.downcallHandle(libc.find("dlclose").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(library), RTLD_LAZY);
                if (!handle.equals(MemorySegment.NULL)) {
                    int ignored = (int) dlclose.invokeExact(handle);
                    return fallback;
                }
                MemorySegment message = (MemorySegment) dlerror.invokeExact();
                return message.equals(MemorySegment.NULL) ? fallback : message.reinterpret(Long.MAX_VALUE).getString(0);
            }
        } catch (Throwable e) {
            return fallback; // no dlopen/dlerror in the default lookup (not glibc 2.34+, not macOS)
        }
    }
}
