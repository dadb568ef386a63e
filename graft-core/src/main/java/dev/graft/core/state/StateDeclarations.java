package dev.graft.core.state;

/**
 * The check every loader of a native or wasm plugin makes of its state declaration: the text (in
 * {@link StateText}'s syntax), laid out by {@link StateLayout} as the C struct the guest was built
 * with, against the size the guest's compiler gave that struct. The size is the one thing the host
 * can check of the guest's struct: a declaration that drifted from it (a field added to one and not
 * the other, a type changed) almost always changes it. Each loader wraps the
 * {@link IllegalArgumentException} in its own {@code StateDeclarationException}, saying where.
 */
public final class StateDeclarations {

    private StateDeclarations() {
    }

    /**
     * The layout of a declaration whose struct the guest says is {@code declaredSize} bytes.
     *
     * @throws IllegalArgumentException for a malformed declaration, a type a block cannot hold, or a size other than the layout's
     */
    public static StateLayout of(String text, long declaredSize) {
        return checkSize(StateLayout.of(StateText.parse(text)), declaredSize);
    }

    /**
     * The layout, if the guest's struct has its size.
     *
     * @throws IllegalArgumentException with the size expected (the layout's, and where each field lives) and found
     */
    public static StateLayout checkSize(StateLayout layout, long declaredSize) {
        if (declaredSize != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " bytes, the size of the C struct of "
                    + layout.shape() + " (offsets " + offsets(layout) + "), found " + declaredSize);
        }
        return layout;
    }

    /** {@code greetings 0, last 8}: where each top-level field lives. */
    private static String offsets(StateLayout layout) {
        StringBuilder s = new StringBuilder();
        for (StateLayout.Slot slot : layout.slots()) {
            s.append(s.isEmpty() ? "" : ", ").append(slot.field().name()).append(' ').append(slot.offset());
        }
        return s.toString();
    }
}
