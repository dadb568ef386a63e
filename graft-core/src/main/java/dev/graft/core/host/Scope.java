package dev.graft.core.host;

/**
 * One open {@link HandleScope} of one plugin version, on the {@link ScopeStack} of the thread that
 * opened it. Its handles are the stack's entries from {@code mark} up; closing it pops them.
 */
final class Scope implements HandleScope {

    private final ScopeStack stack;
    private final VersionHandles owner;
    private final int depth;
    private final long id;
    private final int mark;

    Scope(ScopeStack stack, VersionHandles owner, int depth, long id, int mark) {
        this.stack = stack;
        this.owner = owner;
        this.depth = depth;
        this.id = id;
        this.mark = mark;
    }

    @Override
    public long handle(Object target) {
        if (target == null) {
            throw new IllegalArgumentException("expected an object to make a handle for, found null");
        }
        checkThread("make a handle in");
        if (!stack.isOpen(depth, id)) {
            throw new IllegalStateException("expected an open scope, found this scope of " + owner.label() + " closed");
        }
        if (stack.depth() != depth) {
            throw new IllegalStateException("expected the innermost scope open on this thread, found "
                    + (stack.depth() - depth) + " scope(s) open inside this one; make the handle there");
        }
        owner.checkOpen();
        return stack.push(owner.table(), owner, target);
    }

    /**
     * Releases this scope's handles. A scope closed while scopes inside it are still open closes
     * them too (their handles go with it, so nothing stays behind), then says so.
     *
     * @throws IllegalStateException if this scope was closed already, is closed on another thread,
     *                               or had inner scopes still open
     */
    @Override
    public void close() {
        checkThread("close");
        if (!stack.isOpen(depth, id)) {
            throw new IllegalStateException("expected an open scope to close, found this scope of " + owner.label()
                    + " closed already (by its own close, or an outer scope's)");
        }
        int inner = stack.depth() - depth;
        stack.popTo(owner.table(), mark, depth - 1);
        if (inner > 0) {
            throw new IllegalStateException("expected the scopes inside this one closed first, found " + inner
                    + " still open; they were closed with it");
        }
    }

    private void checkThread(String what) {
        Thread current = Thread.currentThread();
        if (current != stack.thread) {
            throw new IllegalStateException("expected to " + what + " a scope on the thread that opened it ("
                    + stack.thread.getName() + "), found thread " + current.getName());
        }
    }

    @Override
    public String toString() {
        return "HandleScope[" + owner.label() + ", depth " + depth + (stack.isOpen(depth, id) ? "" : ", closed") + "]";
    }
}
