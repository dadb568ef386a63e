package dev.graft.natives;

import java.lang.ref.Cleaner;

/**
 * The object whose reachability stands for "a call may be running in this native plugin version":
 * every method of the version's contract implementations keeps it reachable until the method
 * returns ({@link ContractImplementation}), so once the garbage collector finds it unreachable, no
 * call runs in the version's library and none can start. The core then stops the version and
 * unmaps its library ({@link NativePlugin#retireWhenUnreachable}).
 *
 * <p>Why this is sound: a call reaches the library only inside a method of a generated
 * implementation, which ends with {@code Reference.reachabilityFence(guard)} in a finally, so by
 * the Java memory model's definition of reachability the guard is reachable from before the
 * downcall until after everything the call does in the library (the status check, reading a
 * result in library memory, the {@code release} and {@code error_message} downcalls). A thread
 * about to call holds the implementation (from the slot's call site, or a constant of compiled
 * code that inlined it), which reaches the guard through its class's static final. A
 * {@link Cleaner} runs its action only once the guard is phantom reachable, that is, after all of
 * these are gone; what the action starts (shutdown, dlclose) therefore happens after the last call
 * returned. This is what FFM does for an automatic arena (its downcalls fence the arena's session,
 * JDK 25), applied to the whole call rather than to the downcall alone, and with Graft's own
 * retirement (shutdown first, on Graft's thread, failures reported) instead of an unmap on the
 * JDK's shared cleaner thread.
 *
 * <p>What this does not cover: a pointer into the library that outlives a call (kept by the host,
 * or by a native thread or callback the plugin registered elsewhere), which is why a plugin must
 * stop its threads in shutdown (docs/native-plugins.md).
 */
final class CallGuard {

    // one daemon thread for every native plugin version of the JVM; its actions only hand the
    // version to the core's retirer, so it never runs plugin code
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().name("graft-native-collected").factory());

    private final String label;

    CallGuard(String label) {
        this.label = label;
    }

    /**
     * Runs {@code action} once this guard is unreachable. The action must not reach the guard
     * (nor an implementation of the version), or it would keep it reachable for ever.
     */
    void whenUnreachable(Runnable action) {
        CLEANER.register(this, action);
    }

    @Override
    public String toString() {
        return "CallGuard[" + label + "]";
    }
}
