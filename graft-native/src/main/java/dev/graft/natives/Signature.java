package dev.graft.natives;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A function's signature as Graft writes it, in Mun's notation: {@code fn greet(str) -> str},
 * {@code fn reset()} for no result. Descriptors carry it as text; the host derives it from the Java
 * contract method; link time compares the two.
 *
 * @param result the result type, or {@code null} for {@code void}
 */
record Signature(String name, List<NativeType> params, NativeType result) {

    Signature {
        params = List.copyOf(params);
    }

    /**
     * The signature a contract method asks of a native function.
     *
     * @throws IllegalArgumentException naming the parameter or result native plugins cannot carry
     */
    static Signature of(Method method) {
        List<NativeType> params = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            try {
                params.add(NativeType.of(types[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("method " + method.getName() + ", parameter " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        NativeType result;
        try {
            result = method.getReturnType() == void.class ? null : NativeType.of(method.getReturnType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method " + method.getName() + ", result: " + e.getMessage(), e);
        }
        return new Signature(method.getName(), params, result);
    }

    /**
     * Reads the text form, tolerating any spacing: {@code fn name(type, ...) -> type}.
     *
     * @throws IllegalArgumentException saying what was expected where
     */
    static Signature parse(String text) {
        return new Parser(text).signature();
    }

    @Override
    public String toString() {
        return "fn " + name + params.stream().map(NativeType::notation).collect(Collectors.joining(", ", "(", ")"))
                + (result == null ? "" : " -> " + result.notation());
    }

    /** A recursive-descent reader of the notation; errors quote the text and say what was expected. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Signature signature() {
            word("fn");
            String name = identifier("a function name");
            expect('(');
            List<NativeType> params = new ArrayList<>();
            if (!peek(')')) {
                do {
                    params.add(type());
                } while (accept(','));
            }
            expect(')');
            NativeType result = null;
            if (accept('-')) {
                expect('>');
                result = type();
            }
            skipSpace();
            if (at != text.length()) {
                throw error("the end of the signature");
            }
            return new Signature(name, params, result);
        }

        private NativeType type() {
            String word = identifier("a type (i32, i64, f32, f64, bool, str, bytes or Name{...})");
            for (NativeType.Scalar s : NativeType.Scalar.values()) {
                if (s.notation().equals(word)) {
                    return s;
                }
            }
            for (NativeType.Bytes b : NativeType.Bytes.values()) {
                if (b.notation().equals(word)) {
                    return b;
                }
            }
            if (!accept('{')) {
                throw error("a type (i32, i64, f32, f64, bool, str, bytes or " + word + "{...})");
            }
            List<NativeType.Scalar> fields = new ArrayList<>();
            do {
                String field = identifier("a field type (i32, i64, f32, f64 or bool)");
                fields.add(Arrays.stream(NativeType.Scalar.values()).filter(s -> s.notation().equals(field)).findFirst()
                        .orElseThrow(() -> error("a field type (i32, i64, f32, f64 or bool)")));
            } while (accept(','));
            expect('}');
            return new NativeType.Struct(word, fields);
        }

        private String identifier(String what) {
            skipSpace();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at || Character.isDigit(text.charAt(start))) {
                at = start;
                throw error(what);
            }
            return text.substring(start, at);
        }

        private void word(String expected) {
            int start = at;
            String found = identifier("'" + expected + "'");
            if (!found.equals(expected)) {
                at = start;
                throw error("'" + expected + "'");
            }
        }

        private boolean peek(char c) {
            skipSpace();
            return at < text.length() && text.charAt(at) == c;
        }

        private boolean accept(char c) {
            if (peek(c)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("'" + c + "'");
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String expected) {
            skipSpace();
            String found = at < text.length() ? "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'" : "the end";
            return new IllegalArgumentException("expected " + expected + " at column " + (at + 1) + " of signature '"
                    + text + "', found " + found);
        }
    }
}
