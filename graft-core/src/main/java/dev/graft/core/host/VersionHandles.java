package dev.graft.core.host;

/**
 * The handles of one plugin version: its view of the runtime's {@link HandleTable}. Every handle
 * it makes is recorded with it as owner, and every handle it is given is checked against it, so
 * it can only ever reach its own objects.
 *
 * <p>The core retires it once the version is closed (after its successor is published and its
 * calls have drained, or when a reload is rolled back): every owned handle is released, and every
 * handle of the version is refused from then on, so a guest that forgets its handles leaks
 * nothing past its own life.
 */
public final class VersionHandles implements PluginHandles {

    private final HandleTable table;
    private final String label;
    volatile boolean retired; // set under the table's lock
    volatile int owned; // written under the table's lock

    VersionHandles(HandleTable table, String label) {
        this.table = table;
        this.label = label;
    }

    /** The plugin version, {@code id@version#generation}. */
    public String label() {
        return label;
    }

    @Override
    public long owned(Object target) {
        if (target == null) {
            throw new IllegalArgumentException("expected an object to make a handle for, found null");
        }
        return table.allocateOwned(this, target);
    }

    @Override
    public HandleScope scope() {
        checkOpen();
        return table.stack().open(this);
    }

    @Override
    public <T> T resolve(long handle, Class<T> type) {
        Object target = table.resolve(handle, this);
        if (!type.isInstance(target)) {
            throw new HandleException(HandleException.Reason.WRONG_TYPE, handle, "expected " + Handle.describe(handle)
                    + " to refer to a " + type.getName() + ", found a " + target.getClass().getName());
        }
        return type.cast(target);
    }

    @Override
    public void release(long handle) {
        table.releaseOwned(handle, this);
    }

    @Override
    public int live() {
        return owned;
    }

    HandleTable table() {
        return table;
    }

    /** Whether the version is retired: its handles are released and refused. */
    public boolean retired() {
        return retired;
    }

    /** Releases every owned handle of this version and refuses all its handles from now on. Idempotent. */
    public void retire() {
        table.retire(this);
    }

    void checkOpen() {
        if (retired) {
            throw new IllegalStateException("expected a live plugin version to make handles for, found " + label
                    + " retired");
        }
    }

    @Override
    public String toString() {
        return "handles of " + label;
    }
}
