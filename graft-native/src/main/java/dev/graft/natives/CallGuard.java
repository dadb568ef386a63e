package dev.graft.natives;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * What stands for "a call may be running in this native plugin version": an automatic arena that
 * every entry of the version's library is bound to. So long as the arena's scope is reachable, a
 * call may be running in the library; once the garbage collector finds it unreachable, none is
 * and none can start, and the core may stop the version and unmap its library
 * ({@link NativePlugin#retireWhenUnreachable}).
 *
 * <p>Why this is sound: a call reaches the library through a downcall handle whose target
 * address is {@linkplain #bind bound} to this arena. FFM's downcall for a segment of an automatic
 * arena releases its scope in a finally after the native code returns, and that release is
 * {@code Reference.reachabilityFence(scope)} (JDK 25, {@code ImplicitSession.release0}): by the
 * Java memory model's definition of reachability, the scope is reachable from before the downcall
 * until it returned, inlined or not. A thread about to call holds the handle (a constant of the
 * implementation's class, reached from the slot's call site or from compiled code that inlined
 * it), which holds the bound segment, which holds the scope. Where a call reads library memory
 * after its downcall returned (a result the guest points at, its error message) or calls another
 * entry that is not bound (release, error_message), {@link GuestFunction} fences this guard after
 * it. The arena's cleanup, registered by {@link #whenUnreachable}, runs only once the scope is
 * phantom reachable, that is, after all of these are gone: what it starts (shutdown, dlclose)
 * happens after the last call returned. This is how FFM itself keeps a library of an automatic
 * arena mapped during a call; Graft adds the reads after the call, and its own retirement
 * (shutdown first, on Graft's thread, failures reported) instead of an unmap by the arena.
 * It costs a call nothing: an automatic arena's acquire is empty and its release a fence.
 *
 * <p>What this does not cover: a pointer into the library that outlives a call (kept by the host,
 * or by a native thread or callback the plugin registered elsewhere), which is why a plugin must
 * stop its threads in shutdown (docs/native-plugins.md).
 */
final class CallGuard {

    private final String label;
    private final Arena arena = Arena.ofAuto();

    CallGuard(String label) {
        this.label = label;
    }

    /** {@code address} (an entry of the version's library) bound to this guard: a downcall to it keeps the guard reachable. */
    MemorySegment bind(MemorySegment address) {
        return address.reinterpret(arena, null);
    }

    /** Keeps this guard reachable up to here: after reading what a downcall left in library memory. */
    void fence() {
        Reference.reachabilityFence(arena);
    }

    /**
     * Runs {@code action} once this guard's scope is unreachable, on the JDK's cleaner thread: the
     * action must be short (it hands the version to the core's retirer), and must not reach this
     * guard or an implementation of the version, or it would keep them reachable for ever.
     */
    void whenUnreachable(Runnable action) {
        MemorySegment.NULL.reinterpret(arena, ignored -> action.run());
    }

    /** The version's label ({@code id@version#generation}), for messages and JFR. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return "CallGuard[" + label + "]";
    }
}
