package dev.graft.natives;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A native plugin version's own entry points from its descriptor, as downcall handles, each null
 * when the descriptor leaves it NULL: {@code init} ({@code (const graft_host *) -> graft_result}),
 * {@code shutdown} ({@code () -> graft_result}), {@code error_message} ({@code () -> const char*})
 * and {@code release} ({@code (ptr, len) -> void}).
 */
record EntryPoints(String pluginId, MethodHandle init, MethodHandle shutdown, MethodHandle errorMessage, MethodHandle release) {

    static EntryPoints of(String pluginId, Descriptor d) {
        return new EntryPoints(pluginId,
                handle(d.init(), FunctionDescriptor.of(JAVA_LONG, ADDRESS)),
                handle(d.shutdown(), FunctionDescriptor.of(JAVA_LONG)),
                handle(d.errorMessage(), FunctionDescriptor.of(ADDRESS)),
                handle(d.release(), FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG)));
    }

    /** For libraries bound by a sidecar: no entry points at all. */
    static EntryPoints none(String pluginId) {
        return new EntryPoints(pluginId, null, null, null, null);
    }

    /** Runs init with the version's graft_host; a reported failure becomes a {@link NativeEntryPointException}. */
    void runInit(MemorySegment host) {
        if (init == null) {
            return;
        }
        long word;
        try {
            word = (long) init.invokeExact(host);
        } catch (Throwable t) {
            throw new IllegalStateException("init of plugin '" + pluginId + "' could not be called", t);
        }
        check(word, "init");
    }

    /** Runs shutdown; a reported failure becomes a {@link NativeEntryPointException}. */
    void runShutdown() {
        if (shutdown == null) {
            return;
        }
        long word;
        try {
            word = (long) shutdown.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("shutdown of plugin '" + pluginId + "' could not be called", t);
        }
        check(word, "shutdown");
    }

    private void check(long word, String name) {
        if (word >>> 32 != 0) {
            throw new GuestFunction(pluginId, null, name, name, errorMessage, release, null).failure(word);
        }
    }

    private static MethodHandle handle(MemorySegment address, FunctionDescriptor descriptor) {
        return address.address() == 0 ? null : GuestCall.LINKER.downcallHandle(address, descriptor);
    }
}
