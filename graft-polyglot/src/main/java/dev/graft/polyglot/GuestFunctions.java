package dev.graft.polyglot;

/**
 * The call path into one plugin version, for the providers {@link ProviderGenerator} makes: take a
 * context from the version's pool, call the bound function in it, give it back. Public only
 * because generated classes live in a package of their own; hosts have no use for it.
 */
public final class GuestFunctions {

    private final ContextPool pool;
    private final FunctionBinding[] functions;

    GuestFunctions(ContextPool pool) {
        this.pool = pool;
        this.functions = pool.program().functions;
    }

    /**
     * Calls bound function {@code index} with {@code args} (boxed Java values; the array is the
     * caller's own and is overwritten), returning its boxed Java result.
     */
    public Object call(int index, Object[] args) {
        GuestContext context = pool.acquire(functions[index]);
        try {
            return context.call(index, args);
        } finally {
            pool.release(context);
        }
    }
}
