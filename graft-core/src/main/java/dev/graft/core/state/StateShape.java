package dev.graft.core.state;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a plugin version declares it keeps across reloads: a list of named, typed fields (DESIGN.md,
 * "State mapping rules"). A JVM plugin's shape is read from its state record, a native or wasm
 * plugin's from the declaration text in its descriptor or manifest ({@link StateText}).
 *
 * <p>Two shapes are {@linkplain #sameLayout the same} when their fields have the same names and
 * types in the same order; renames ({@code was}) do not change a shape.
 */
public record StateShape(List<StateField> fields) {

    public StateShape {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (StateField f : fields) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("expected each state field once, found '" + f.name() + "' twice");
            }
        }
    }

    public Optional<StateField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Same field names and types in the same order, whatever the renames say. */
    public boolean sameLayout(StateShape other) {
        if (fields.size() != other.fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            StateField a = fields.get(i);
            StateField b = other.fields.get(i);
            if (!a.name().equals(b.name()) || !sameType(a.type(), b.type())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameType(StateType a, StateType b) {
        if (a instanceof StateType.Struct sa && b instanceof StateType.Struct sb) {
            return sa.shape().sameLayout(sb.shape());
        }
        if (a instanceof StateType.Collection ca && b instanceof StateType.Collection cb) {
            return ca.form() == cb.form() && sameType(ca.element(), cb.element())
                    && (ca.value() == null || sameType(ca.value(), cb.value()));
        }
        return a.equals(b);
    }

    /** The fields in declaration text: {@code count: i64; name: char[16] was label}. */
    public String fieldsText() {
        return fields.stream().map(StateField::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return "{" + fieldsText() + "}";
    }
}
