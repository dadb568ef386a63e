package dev.graft.core.state;

/**
 * One named, typed field of a state shape; {@code was} names the field of the previous shape it
 * continues (a rename), or is null.
 */
public record StateField(String name, StateType type, String was) {

    public StateField {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("expected a field name of letters, digits and '_', found '" + name + "'");
        }
        if (was != null && !was.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("expected the name a field was renamed from, of letters, digits and '_', found '"
                    + was + "'");
        }
    }

    public StateField(String name, StateType type) {
        this(name, type, null);
    }

    @Override
    public String toString() {
        return name + ": " + type + (was == null ? "" : " was " + was);
    }
}
