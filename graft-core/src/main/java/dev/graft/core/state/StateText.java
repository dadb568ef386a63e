package dev.graft.core.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a state shape, as native descriptors and wasm manifests carry it and
 * {@code graft bindgen --state} writes it: fields separated by {@code ;} or new lines, each
 * {@code name: type}, optionally followed by {@code was OLD_NAME}.
 *
 * <pre>
 * greetings: i64
 * visitors: i32 was names
 * last: char[32]
 * origin: struct{x: f64; y: f64}
 * </pre>
 *
 * <p>Types: {@code bool i8 i16 u16 i32 i64 f32 f64} (a trailing {@code ?}: nullable, JVM only),
 * {@code u8[N]}, {@code char[N]}, {@code struct{...}}, and for JVM records also {@code str},
 * {@code bytes}, {@code enum NAME{A, B}}, {@code list<T>}, {@code set<T>}, {@code map<K, V>}.
 * A malformed text is an {@link IllegalArgumentException} saying where (column) what was expected
 * and what was found; loaders turn it into a typed exception naming the plugin.
 */
public final class StateText {

    private static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;
    private int depth;

    private StateText(String text) {
        this.text = text;
    }

    /** Parses declaration text into a shape. */
    public static StateShape parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected state fields ('name: type; ...'), found "
                    + (text == null ? "nothing" : "an empty declaration"));
        }
        StateText p = new StateText(text);
        StateShape shape = p.fields('\0');
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("the end of the declaration");
        }
        return shape;
    }

    /** The declaration text of a shape; {@link #parse} reads it back to an equal shape. */
    public static String print(StateShape shape) {
        return shape.fieldsText();
    }

    private StateShape fields(char end) {
        List<StateField> fields = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (pos >= text.length() || text.charAt(pos) == end) {
                break;
            }
            fields.add(field());
            skipSpaceInLine();
            if (pos < text.length() && text.charAt(pos) != end && text.charAt(pos) != ';' && text.charAt(pos) != '\n'
                    && text.charAt(pos) != '\r') {
                throw error("';' or a new line between fields");
            }
        }
        if (fields.isEmpty()) {
            throw error("at least one field 'name: type'");
        }
        try {
            return new StateShape(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state declaration: " + e.getMessage(), e);
        }
    }

    private StateField field() {
        String name = name("a field name");
        skipSpace();
        expect(':');
        StateType type = type();
        skipSpaceInLine();
        String was = null;
        if (text.startsWith("was", pos) && pos + 3 < text.length() && Character.isWhitespace(text.charAt(pos + 3))) {
            pos += 3;
            skipSpace();
            was = name("the name the field was renamed from");
        }
        return new StateField(name, type, was);
    }

    private StateType type() {
        skipSpace();
        if (++depth > MAX_DEPTH) {
            throw error("types nested at most " + MAX_DEPTH + " deep");
        }
        try {
            int start = pos;
            String word = name("a type (bool, i8, i16, u16, i32, i64, f32, f64, u8[N], char[N], struct{...}, str, bytes, "
                    + "enum NAME{...}, list<T>, set<T>, map<K, V>)");
            for (StateType.Scalar.Kind kind : StateType.Scalar.Kind.values()) {
                if (kind.text().equals(word)) {
                    boolean boxed = pos < text.length() && text.charAt(pos) == '?';
                    if (boxed) {
                        pos++;
                    }
                    return new StateType.Scalar(kind, boxed);
                }
            }
            return switch (word) {
                case "str" -> new StateType.Text();
                case "bytes" -> new StateType.Bytes();
                case "u8", "char" -> {
                    skipSpace();
                    expect('[');
                    int length = number();
                    expect(']');
                    if (length < 1) {
                        pos = start;
                        throw error("an array length of at least 1", word + "[" + length + "]");
                    }
                    yield new StateType.Fixed(word.equals("char"), length);
                }
                case "struct" -> {
                    skipSpace();
                    expect('{');
                    StateShape shape = fields('}');
                    expect('}');
                    yield new StateType.Struct(shape);
                }
                case "list", "set" -> {
                    skipSpace();
                    expect('<');
                    StateType element = type();
                    skipSpace();
                    expect('>');
                    yield word.equals("list") ? StateType.Collection.list(element) : StateType.Collection.set(element);
                }
                case "map" -> {
                    skipSpace();
                    expect('<');
                    StateType key = type();
                    skipSpace();
                    expect(',');
                    StateType value = type();
                    skipSpace();
                    expect('>');
                    yield StateType.Collection.map(key, value);
                }
                case "enum" -> {
                    skipSpace();
                    String name = name("the enum's name");
                    skipSpace();
                    expect('{');
                    List<String> constants = new ArrayList<>();
                    do {
                        skipSpace();
                        constants.add(name("an enum constant"));
                        skipSpace();
                    } while (pos < text.length() && text.charAt(pos) == ',' && pos++ >= 0);
                    expect('}');
                    yield new StateType.EnumOf(name, constants);
                }
                default -> {
                    pos = start;
                    throw error("a type (bool, i8, i16, u16, i32, i64, f32, f64, u8[N], char[N], struct{...}, str, bytes, "
                            + "enum NAME{...}, list<T>, set<T>, map<K, V>)", word);
                }
            };
        } finally {
            depth--;
        }
    }

    private String name(String what) {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos || Character.isDigit(text.charAt(start))) {
            pos = start;
            throw error(what);
        }
        return text.substring(start, pos);
    }

    private int number() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos || pos - start > 9) {
            pos = start;
            throw error("a number of at most 9 digits");
        }
        int n = Integer.parseInt(text.substring(start, pos));
        skipSpace();
        return n;
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipSpaceInLine() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipSeparators() {
        while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ';')) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        int end = pos;
        while (end < text.length() && end - pos < 12 && !Character.isWhitespace(text.charAt(end))
                && (end == pos || ";{}<>,".indexOf(text.charAt(end)) < 0)) {
            end++;
        }
        return error(expected, pos >= text.length() ? null : text.substring(pos, end));
    }

    private IllegalArgumentException error(String expected, String found) {
        return new IllegalArgumentException("state declaration, column " + (pos + 1) + ": expected " + expected + ", found "
                + (found == null || found.isEmpty() ? "the end of the text" : "'" + found + "'"));
    }
}
