package dev.graft.core.host;

/**
 * Where scoped handles live: made with {@link #handle}, released together when the scope closes
 * (the host call that made them returns). Use with try-with-resources on the thread that opened it.
 *
 * <pre>{@code
 * try (HandleScope scope = handles.scope()) {
 *     guest.process(scope.handle(request));
 * }
 * }</pre>
 */
public interface HandleScope extends AutoCloseable {

    /**
     * A handle valid until this scope closes, on this thread only.
     *
     * @throws IllegalArgumentException if {@code target} is null
     * @throws IllegalStateException    if this scope is closed, is not the innermost one open on
     *                                  this thread, was opened on another thread, or its plugin
     *                                  version is retired
     */
    long handle(Object target);

    /**
     * Releases every handle of this scope. A scope closed while scopes inside it are still open
     * closes them too, so no handle outlives it, and then throws to say so.
     *
     * @throws IllegalStateException if inner scopes were still open, this scope is closed already,
     *                               or this is not the thread that opened it
     */
    @Override
    void close();
}
