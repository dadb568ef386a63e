package dev.graft.core.host;

/**
 * The handles of one plugin version: 64-bit values a native or wasm guest holds instead of
 * pointers to host objects. A handle is checked on every use: a released, forged or stale handle,
 * or one of another plugin or of a retired version, is a {@link HandleException}, never the wrong
 * object. All of a version's handles are released when it is retired. (See {@link Handle} for the
 * bits and {@link HandleTable} for the rules that keep a live handle from being aliased.)
 *
 * <p>Thread-safe: guests of one version may run on several threads at once. Owned handles may be
 * used on any thread; scoped handles only on the thread whose scope made them.
 */
public interface PluginHandles {

    /**
     * A handle that lives until {@link #release} or until this plugin version is retired.
     *
     * @throws IllegalArgumentException if {@code target} is null
     * @throws IllegalStateException    if this plugin version is retired
     */
    long owned(Object target);

    /**
     * A scope for short-lived handles: those made by {@link HandleScope#handle} die when the scope
     * closes. Scopes nest, last in first out, on the thread that opened them.
     *
     * @throws IllegalStateException if this plugin version is retired
     */
    HandleScope scope();

    /**
     * The object behind a handle of this plugin version.
     *
     * @throws HandleException if the handle is not live, not this version's, or not of that type
     */
    <T> T resolve(long handle, Class<T> type);

    /**
     * Releases an owned handle.
     *
     * @throws HandleException if it is not a live owned handle of this version
     */
    void release(long handle);

    /**
     * Owned handles of this version that are live: for tests and diagnostics. (Scoped handles
     * are not counted: they live only until their scope closes, on their own thread, and counting
     * them would cost every one of them a shared write.)
     */
    int live();
}
