package dev.graft.cli;

import dev.graft.core.ManifestKeys;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Contract values as command-line text, both ways: numbers as Java writes them, {@code true} or
 * {@code false}, strings as they are, byte arrays as hex ({@code 0x0a1b}) or base64 (printed as
 * hex), records as {@code name=value,...} of their components (which therefore cannot hold
 * {@code ,} or {@code =} themselves, nor be records).
 */
final class ValueText {

    private ValueText() {
    }

    /**
     * The value of {@code type} that {@code text} writes.
     *
     * @param what names the parameter for messages: {@code parameter 1 'n' of next(int)}
     * @throws UsageException naming what was expected and the text found
     */
    static Object parse(String text, Class<?> type, String what) throws UsageException {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text.strip());
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(text.strip());
            } else if (type == short.class || type == Short.class) {
                return Short.parseShort(text.strip());
            } else if (type == byte.class || type == Byte.class) {
                return Byte.parseByte(text.strip());
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(text.strip());
            } else if (type == float.class || type == Float.class) {
                return Float.parseFloat(text.strip());
            }
        } catch (NumberFormatException e) {
            throw new UsageException("expected " + article(type) + " for " + what + ", found \"" + text + "\"");
        }
        if (type == boolean.class || type == Boolean.class) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new UsageException("expected true or false for " + what + ", found \"" + text + "\"");
        }
        if (type == String.class) {
            return text;
        }
        if (type == byte[].class) {
            return bytes(text, what);
        }
        if (type == ByteBuffer.class) {
            return ByteBuffer.wrap(bytes(text, what));
        }
        if (type.isRecord()) {
            return record(text, type, what);
        }
        throw new UsageException("expected a parameter type graft call can write as text (numbers, boolean, String, byte[], "
                + "ByteBuffer, records of these), found " + type.getTypeName() + " for " + what);
    }

    private static byte[] bytes(String text, String what) throws UsageException {
        try {
            return text.startsWith("0x") ? HexFormat.of().parseHex(text.substring(2)) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("expected bytes as hex (0x0a1b) or base64 for " + what + ", found \"" + text + "\" ("
                    + e.getMessage() + ")");
        }
    }

    private static Object record(String text, Class<?> type, String what) throws UsageException {
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        String expected = type.getSimpleName() + " as " + names.stream().map(n -> n + "=...").collect(Collectors.joining(","));
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : text.isEmpty() ? new String[0] : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || !names.contains(name) || given.put(name, part.substring(eq + 1)) != null) {
                String problem = eq < 0 ? "'" + part + "' without '='"
                        : !names.contains(name) ? "unknown component '" + name + "'"
                                + ManifestKeys.closest(name, names).map(c -> " (did you mean '" + c + "'?)").orElse("")
                        : "'" + name + "' twice";
                throw new UsageException("expected " + expected + " for " + what + ", found " + problem);
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (!given.containsKey(name)) {
                throw new UsageException("expected " + expected + " for " + what + ", found no " + name);
            }
            types[i] = components[i].getType();
            if (types[i].isRecord()) {
                throw new UsageException("expected a record of numbers, booleans, strings or bytes for " + what
                        + ", found component " + name + " of record type " + types[i].getSimpleName());
            }
            values[i] = parse(given.get(name), types[i], "component " + name + " of " + what);
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true); // a record need not be public to the CLI's module
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UsageException("expected " + expected + " for " + what + ", found the record refuses it: " + cause);
        }
    }

    private static String article(Class<?> type) {
        String name = type.isPrimitive() ? type.getName() : type.getSimpleName();
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** A result as text: the way {@link #parse} reads it, byte arrays (and buffers) in hex. */
    static String format(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> "0x" + HexFormat.of().formatHex(bytes);
            case ByteBuffer buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield format(bytes);
            }
            case Record record -> Arrays.stream(record.getClass().getRecordComponents())
                    .map(c -> c.getName() + "=" + format(component(record, c))).collect(Collectors.joining(","));
            default -> String.valueOf(value);
        };
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true); // a record of a plugin's package need not be public to the CLI
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "<" + e + ">";
        }
    }
}
