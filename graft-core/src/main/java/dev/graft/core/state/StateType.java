package dev.graft.core.state;

import java.util.List;

/**
 * The type of one state field. Its {@code toString} is its text form, the one state declarations
 * use ({@link StateText}) and reload reports print: {@code i64}, {@code char[32]},
 * {@code list<str>}, {@code struct{x: f64; y: f64}}.
 *
 * <p>JVM state records use every type; host-owned state blocks (native and wasm plugins) only
 * scalars, fixed arrays and structs of these ({@link StateLayout} says which).
 */
public sealed interface StateType {

    /** A number, a boolean or a Java {@code char}; {@code boxed} when a JVM record may hold null there. */
    record Scalar(Kind kind, boolean boxed) implements StateType {

        /** Scalar kinds, with their size in a state block. */
        public enum Kind {
            BOOL("bool", 1), I8("i8", 1), I16("i16", 2), U16("u16", 2), I32("i32", 4), I64("i64", 8),
            F32("f32", 4), F64("f64", 8);

            private final String text;
            private final int size;

            Kind(String text, int size) {
                this.text = text;
                this.size = size;
            }

            public String text() {
                return text;
            }

            public int size() {
                return size;
            }

            /** The integers this kind's every value fits in: lossless widening. */
            boolean widensTo(Kind to) {
                if (this == to) {
                    return true;
                }
                return switch (this) {
                    case I8 -> to == I16 || to == I32 || to == I64 || to == F32 || to == F64;
                    case I16, U16 -> to == I32 || to == I64 || to == F32 || to == F64;
                    case I32 -> to == I64 || to == F64;
                    case F32 -> to == F64;
                    default -> false;
                };
            }
        }

        @Override
        public String toString() {
            return kind.text + (boxed ? "?" : "");
        }
    }

    /** A JVM {@code String}. */
    record Text() implements StateType {
        @Override
        public String toString() {
            return "str";
        }
    }

    /** A JVM {@code byte[]}. */
    record Bytes() implements StateType {
        @Override
        public String toString() {
            return "bytes";
        }
    }

    /** A fixed array in a state block: {@code u8[N]} (bytes) or {@code char[N]} (UTF-8 text, NUL-padded). */
    record Fixed(boolean chars, int length) implements StateType {
        public Fixed {
            if (length < 1) {
                throw new IllegalArgumentException("expected a fixed array length of at least 1, found " + length);
            }
        }

        @Override
        public String toString() {
            return (chars ? "char[" : "u8[") + length + "]";
        }
    }

    /** A Java enum, carried by constant name. */
    record EnumOf(String name, List<String> constants) implements StateType {
        public EnumOf {
            constants = List.copyOf(constants);
        }

        @Override
        public String toString() {
            return "enum " + name + "{" + String.join(", ", constants) + "}";
        }
    }

    /** A nested record or struct. Two structs are the same type when their fields are the same. */
    record Struct(StateShape shape) implements StateType {
        @Override
        public String toString() {
            return "struct{" + shape.fieldsText() + "}";
        }
    }

    /** A {@code List}, {@code Set} or {@code Map} of state types. */
    record Collection(Form form, StateType element, StateType value) implements StateType {
        public enum Form { LIST, SET, MAP }

        public static Collection list(StateType element) {
            return new Collection(Form.LIST, element, null);
        }

        public static Collection set(StateType element) {
            return new Collection(Form.SET, element, null);
        }

        public static Collection map(StateType key, StateType value) {
            return new Collection(Form.MAP, key, value);
        }

        @Override
        public String toString() {
            return switch (form) {
                case LIST -> "list<" + element + ">";
                case SET -> "set<" + element + ">";
                case MAP -> "map<" + element + ", " + value + ">";
            };
        }
    }
}
