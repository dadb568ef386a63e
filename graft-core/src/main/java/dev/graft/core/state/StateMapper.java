package dev.graft.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps a value of one state shape into another, by DESIGN.md's "State mapping rules": a field keeps
 * its value when the new shape has a field of the same name and type; same name, other type: converted
 * where the conversion is a lossless widening ({@code i32 -> i64}, {@code f32 -> f64}, narrower
 * integers to wider, {@code u8[4] -> u8[8]}, element by element in collections, constant by name
 * between enums), otherwise reset to its default; a new field starts at its default; a removed field
 * is dropped; a field that says what it was renamed from ({@code was}) takes that field's value.
 * Nested structs are mapped by the same rules, field by field.
 *
 * <p>The mapper builds a new value and never changes the old one: a reload that fails after
 * mapping leaves the old version's state exactly as it was (G2).
 */
public final class StateMapper {

    /** A mapped value and what happened to each field. */
    public record Mapped(Map<String, Object> value, StateReport report) {
    }

    private final Map<String, StateChange> changes = new LinkedHashMap<>();

    private StateMapper() {
    }

    /**
     * @param from     the old version's shape
     * @param old      the old version's value, read at the quiesce point
     * @param to       the new version's shape
     * @param defaults the new version's defaults, for new and reset fields
     */
    public static Mapped map(StateShape from, Map<String, Object> old, StateShape to, Map<String, Object> defaults) {
        StateMapper mapper = new StateMapper();
        Map<String, Object> value = mapper.struct(from, old, to, defaults, "");
        return new Mapped(value, new StateReport(StateReport.Mode.MAPPED, new ArrayList<>(mapper.changes.values())));
    }

    private Map<String, Object> struct(StateShape from, Map<String, Object> old, StateShape to, Map<String, Object> defaults,
                                       String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (StateField field : to.fields()) {
            String path = prefix + field.name();
            Object fallback = defaults == null ? StateValues.zero(field.type()) : defaults.get(field.name());
            StateField source = from.field(field.name()).orElse(null);
            boolean renamed = false;
            if (source == null && field.was() != null && to.field(field.was()).isEmpty()) {
                source = from.field(field.was()).orElse(null);
                renamed = source != null;
            }
            if (source == null) {
                out.put(field.name(), fallback);
                note(new StateChange(StateChange.Kind.NEW, path, null, field.type().toString(), null));
                continue;
            }
            taken.add(source.name());
            Converted c = convert(source.type(), old.get(source.name()), field.type(), fallback, path);
            out.put(field.name(), c.value);
            if (c.reset != null) {
                note(new StateChange(StateChange.Kind.RESET, path, source.type().toString(), field.type().toString(),
                        (renamed ? "renamed from " + source.name() + ", " : "") + c.reset));
            } else if (renamed) {
                note(new StateChange(StateChange.Kind.RENAMED, path, source.type().toString(), field.type().toString(),
                        source.name()));
            } else if (c.leaf) {
                note(new StateChange(c.converted ? StateChange.Kind.CONVERTED : StateChange.Kind.KEPT, path,
                        source.type().toString(), field.type().toString(), null));
            }
        }
        for (StateField field : from.fields()) {
            if (!taken.contains(field.name())) {
                note(new StateChange(StateChange.Kind.DROPPED, prefix + field.name(), field.type().toString(), null, null));
            }
        }
        return out;
    }

    /** A converted value; {@code reset} is the reason when it could not be, {@code leaf} false for structs (their fields report). */
    private record Converted(Object value, boolean converted, String reset, boolean leaf) {
        static Converted kept(Object value) {
            return new Converted(value, false, null, true);
        }

        static Converted widened(Object value) {
            return new Converted(value, true, null, true);
        }
    }

    private Converted convert(StateType from, Object value, StateType to, Object fallback, String path) {
        if (from instanceof StateType.Struct fs && to instanceof StateType.Struct ts) {
            if (value == null) { // a JVM record's nested record may be null: it stays null
                return Converted.kept(null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> old = (Map<String, Object>) value;
            @SuppressWarnings("unchecked")
            Map<String, Object> defaults = fallback instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            return new Converted(struct(fs.shape(), old, ts.shape(), defaults, path + "."), false, null, false);
        }
        String reset = resetReason(from, value, to);
        if (reset != null) {
            return new Converted(fallback, false, reset, true);
        }
        return switch (from) {
            case StateType.Scalar fs -> {
                StateType.Scalar ts = (StateType.Scalar) to;
                yield fs.kind() == ts.kind() ? Converted.kept(value) : Converted.widened(widen(value, ts.kind()));
            }
            case StateType.Fixed ff -> {
                StateType.Fixed tf = (StateType.Fixed) to;
                Object v = !ff.chars() && value instanceof byte[] b ? Arrays.copyOf(b, tf.length()) : value;
                yield ff.length() == tf.length() ? Converted.kept(v) : Converted.widened(v);
            }
            case StateType.EnumOf fe -> from.equals(to) ? Converted.kept(value) : Converted.widened(value);
            case StateType.Collection fc -> collection(fc, value, (StateType.Collection) to, path);
            default -> Converted.kept(value instanceof byte[] b ? b.clone() : value);
        };
    }

    /** Why {@code value} of type {@code from} cannot become a {@code to}, or null when it can. */
    private static String resetReason(StateType from, Object value, StateType to) {
        String notWidening = from + " -> " + to + " is not a lossless widening";
        return switch (from) {
            case StateType.Scalar fs when to instanceof StateType.Scalar ts -> {
                if (!fs.kind().widensTo(ts.kind())) {
                    yield notWidening;
                }
                yield value == null && !ts.boxed() ? "null cannot become " + ts : null;
            }
            case StateType.Fixed ff when to instanceof StateType.Fixed tf ->
                    ff.chars() == tf.chars() && tf.length() >= ff.length() ? null
                            : from + " -> " + to + (ff.chars() == tf.chars() ? " would cut it" : " is another kind of array");
            case StateType.EnumOf fe when to instanceof StateType.EnumOf te ->
                    value == null || te.constants().contains((String) value) ? null
                            : "constant " + value + " is not one of " + te;
            case StateType.Collection fc when to instanceof StateType.Collection tc && fc.form() == tc.form() -> null;
            case StateType.Text ft when to instanceof StateType.Text -> null;
            case StateType.Bytes fb when to instanceof StateType.Bytes -> null;
            default -> notWidening;
        };
    }

    private Converted collection(StateType.Collection from, Object value, StateType.Collection to, String path) {
        if (value == null) {
            return Converted.kept(null);
        }
        boolean widened = false;
        String elementPath = path + "[]";
        switch (from.form()) {
            case LIST, SET -> {
                java.util.Collection<Object> out = from.form() == StateType.Collection.Form.LIST ? new ArrayList<>()
                        : new LinkedHashSet<>();
                for (Object e : (java.util.Collection<?>) value) {
                    Converted c = element(from.element(), e, to.element(), elementPath);
                    if (c.reset != null) {
                        return new Converted(StateValues.zero(to), false, "an element: " + c.reset, true);
                    }
                    widened |= c.converted;
                    out.add(c.value);
                }
                return new Converted(out, widened, null, !(to.element() instanceof StateType.Struct));
            }
            default -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    Converted k = element(from.element(), e.getKey(), to.element(), elementPath + "key");
                    Converted v = element(from.value(), e.getValue(), to.value(), elementPath);
                    String reset = k.reset != null ? "a key: " + k.reset : v.reset != null ? "a value: " + v.reset : null;
                    if (reset != null) {
                        return new Converted(StateValues.zero(to), false, reset, true);
                    }
                    widened |= k.converted || v.converted;
                    out.put(k.value, v.value);
                }
                return new Converted(out, widened, null, !(to.value() instanceof StateType.Struct));
            }
        }
    }

    private Converted element(StateType from, Object value, StateType to, String path) {
        Object fallback = StateValues.zero(to);
        return convert(from, value, to, fallback, path);
    }

    private void note(StateChange change) {
        changes.putIfAbsent(change.field(), change);
    }

    /** A lossless widening of a scalar, checked by {@link StateType.Scalar.Kind#widensTo}. */
    private static Object widen(Object value, StateType.Scalar.Kind to) {
        if (value == null) {
            return null;
        }
        long integral = value instanceof Character c ? c : value instanceof Number n && !(n instanceof Float)
                && !(n instanceof Double) ? n.longValue() : 0;
        return switch (to) {
            case I16 -> (short) integral;
            case I32 -> (int) integral;
            case I64 -> integral;
            case F32 -> (float) integral;
            case F64 -> value instanceof Float f ? (double) f : (double) integral;
            default -> value;
        };
    }
}
