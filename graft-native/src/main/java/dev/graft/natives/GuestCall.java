package dev.graft.natives;

import static java.lang.invoke.MethodType.methodType;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds, for one contract method, the method handle that calls its guest function with graft.h's
 * calling convention: arguments lowered to C (strings to UTF-8, records to structs), the downcall,
 * the status checked, the result lifted back to Java. Its type is exactly the Java method's, so
 * the generated implementation calls it with {@code invokeExact} from a constant, and the JIT
 * inlines the whole tree, downcall included.
 *
 * <p>Only what a signature needs is built in: {@code int -> int} is the downcall and one status
 * check on the returned word, nothing else (no arena, no allocation). Strings, copied bytes,
 * records and results through an out pointer share one confined arena per call, closed when the
 * call returns or throws.
 */
final class GuestCall {

    static final Linker LINKER = Linker.nativeLinker();

    static {
        if (ValueLayout.ADDRESS.byteSize() != 8 || LINKER.canonicalLayouts().get("size_t").byteSize() != 8) {
            throw new ExceptionInInitializerError("graft-native supports 64-bit platforms only");
        }
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle OPEN_ARENA = marshal("openArena", methodType(Arena.class));
    private static final MethodHandle CLOSE_ARENA = marshal("closeArena", methodType(void.class, Arena.class));

    private GuestCall() {
    }

    /**
     * The handle for {@code method}, calling the function at {@code address}.
     *
     * @param critical the guest declared the function GRAFT_FN_CRITICAL: no thread-state
     *                 transition, byte[] passed without copying
     */
    static MethodHandle bind(Method method, Signature signature, MemorySegment address, boolean critical, GuestFunction guest) {
        Class<?>[] javaParams = method.getParameterTypes();
        Class<?> javaResult = method.getReturnType();
        boolean out = !NativeType.returnedInRegister(signature.result());

        List<MemoryLayout> nativeParams = new ArrayList<>();
        for (int i = 0; i < javaParams.length; i++) {
            switch (signature.params().get(i)) {
                case NativeType.Scalar s -> nativeParams.add(s.layout());
                case NativeType.Bytes b -> {
                    nativeParams.add(ValueLayout.ADDRESS);
                    nativeParams.add(ValueLayout.JAVA_LONG);
                }
                case NativeType.Struct s -> nativeParams.add(RecordCodec.of(javaParams[i]).layout());
            }
        }
        if (out) {
            nativeParams.add(ValueLayout.ADDRESS);
        }
        // graft_result is a struct of one uint64_t: every C ABI Graft runs on returns it like a uint64_t
        FunctionDescriptor descriptor = FunctionDescriptor.of(ValueLayout.JAVA_LONG, nativeParams.toArray(MemoryLayout[]::new));
        MethodHandle h = critical
                ? LINKER.downcallHandle(address, descriptor, Linker.Option.critical(true))
                : LINKER.downcallHandle(address, descriptor);

        h = liftResult(h, signature.result(), javaResult, out, guest);

        // arguments, last to first, so the native positions of earlier ones stay put
        int position = nativeParams.size() - (out ? 1 : 0);
        for (int i = javaParams.length - 1; i >= 0; i--) {
            NativeType type = signature.params().get(i);
            position -= type instanceof NativeType.Bytes ? 2 : 1;
            h = lowerArgument(h, position, type, javaParams[i], critical);
        }
        return withArena(h, methodType(javaResult, javaParams));
    }

    /** (natives..., [out]) -> long  becomes  (natives..., [Arena]) -> R. */
    private static MethodHandle liftResult(MethodHandle h, NativeType result, Class<?> javaResult, boolean out, GuestFunction guest) {
        if (!out) {
            String unpack = result == null ? "unpackVoid" : switch ((NativeType.Scalar) result) {
                case I32 -> "unpackInt";
                case F32 -> "unpackFloat";
                case BOOL -> "unpackBoolean";
                default -> throw new IllegalStateException("not returned in a register: " + result);
            };
            MethodHandle unpacker = marshal(unpack, methodType(javaResult, GuestFunction.class, long.class));
            return MethodHandles.filterReturnValue(h, MethodHandles.insertArguments(unpacker, 0, guest));
        }
        MethodHandle read; // (long word, MemorySegment out) -> R
        MemoryLayout outLayout;
        switch (result) {
            case NativeType.Scalar s -> {
                read = marshal(s == NativeType.Scalar.I64 ? "readLong" : "readDouble",
                        methodType(javaResult, GuestFunction.class, long.class, MemorySegment.class));
                outLayout = s.layout();
            }
            case NativeType.Bytes b -> {
                String name = b == NativeType.Bytes.STR ? "readString" : javaResult == ByteBuffer.class ? "readBuffer" : "readBytes";
                read = marshal(name, methodType(javaResult, GuestFunction.class, long.class, MemorySegment.class));
                outLayout = Marshal.OUT_BYTES;
            }
            case NativeType.Struct s -> {
                RecordCodec codec = RecordCodec.of(javaResult);
                read = MethodHandles.insertArguments(marshal("readStruct",
                        methodType(Object.class, GuestFunction.class, RecordCodec.class, long.class, MemorySegment.class)), 1, codec)
                        .asType(methodType(javaResult, GuestFunction.class, long.class, MemorySegment.class));
                outLayout = codec.layout();
            }
        }
        read = MethodHandles.insertArguments(read, 0, guest);
        // call, then read: fold the downcall's word in front of its own arguments, keep only the out pointer
        MethodType natives = h.type();
        int outIndex = natives.parameterCount() - 1;
        MethodHandle reader = MethodHandles.dropArguments(read, 1, natives.parameterList().subList(0, outIndex));
        h = MethodHandles.foldArguments(reader, h);
        // the out pointer: zeroed memory from the call's arena
        MethodHandle allocate = MethodHandles.insertArguments(
                marshal("allocate", methodType(MemorySegment.class, Arena.class, MemoryLayout.class)), 1, outLayout);
        return MethodHandles.collectArguments(h, outIndex, allocate);
    }

    /** Replaces the native parameter(s) at {@code position} by the Java parameter, perhaps with an Arena before it. */
    private static MethodHandle lowerArgument(MethodHandle h, int position, NativeType type, Class<?> javaType, boolean critical) {
        return switch (type) {
            case NativeType.Scalar s -> h; // the downcall takes the Java primitive as it is
            case NativeType.Bytes b -> {
                MethodHandle length = marshal(b == NativeType.Bytes.STR ? "utf8Length" : "length",
                        methodType(long.class, MemorySegment.class));
                // (ptr, len) -> (segment, segment) -> (segment): both halves from one segment
                h = MethodHandles.filterArguments(h, position + 1, length);
                h = mergeWithNext(h, position);
                MethodHandle toSegment;
                if (b == NativeType.Bytes.STR) {
                    toSegment = marshal("utf8", methodType(MemorySegment.class, Arena.class, String.class));
                } else if (javaType == ByteBuffer.class) {
                    toSegment = MethodHandles.insertArguments(marshal("buffer",
                            methodType(MemorySegment.class, Arena.class, ByteBuffer.class, boolean.class)), 2, critical);
                } else if (critical) {
                    toSegment = marshal("heapBytes", methodType(MemorySegment.class, byte[].class));
                } else {
                    toSegment = marshal("copiedBytes", methodType(MemorySegment.class, Arena.class, byte[].class));
                }
                yield MethodHandles.collectArguments(h, position, toSegment);
            }
            case NativeType.Struct s -> {
                RecordCodec codec = RecordCodec.of(javaType);
                MethodHandle toStruct = MethodHandles.insertArguments(marshal("struct",
                        methodType(MemorySegment.class, RecordCodec.class, Arena.class, Object.class)), 0, codec)
                        .asType(methodType(MemorySegment.class, Arena.class, javaType));
                yield MethodHandles.collectArguments(h, position, toStruct);
            }
        };
    }

    /** Makes parameters {@code position} and {@code position + 1} (same type) one parameter passed to both. */
    static MethodHandle mergeWithNext(MethodHandle h, int position) {
        MethodType type = h.type();
        int[] reorder = new int[type.parameterCount()];
        for (int i = 0; i < reorder.length; i++) {
            reorder[i] = i <= position ? i : i - 1;
        }
        return MethodHandles.permuteArguments(h, type.dropParameterTypes(position + 1, position + 2), reorder);
    }

    /**
     * Gathers every Arena parameter into one, opened before the call and closed after it, however
     * it ends; a handle without Arena parameters is returned as it is (the fast path).
     */
    static MethodHandle withArena(MethodHandle h, MethodType javaType) {
        MethodType type = h.type();
        int[] reorder = new int[type.parameterCount()];
        int java = 0;
        boolean arena = false;
        for (int i = 0; i < reorder.length; i++) {
            if (type.parameterType(i) == Arena.class) {
                reorder[i] = 0;
                arena = true;
            } else {
                reorder[i] = 1 + java++;
            }
        }
        if (!arena) {
            return h.asType(javaType);
        }
        MethodHandle body = MethodHandles.permuteArguments(h, javaType.insertParameterTypes(0, Arena.class), reorder);
        Class<?> result = javaType.returnType();
        MethodHandle cleanup; // (Throwable, [R], Arena) -> R: closes the arena, passes the result through
        if (result == void.class) {
            cleanup = MethodHandles.dropArguments(CLOSE_ARENA, 0, Throwable.class);
        } else {
            MethodHandle pass = MethodHandles.dropArguments(MethodHandles.identity(result), 0, Throwable.class);
            pass = MethodHandles.dropArguments(pass, 2, Arena.class);
            cleanup = MethodHandles.foldArguments(pass, 2, CLOSE_ARENA);
        }
        return MethodHandles.foldArguments(MethodHandles.tryFinally(body, cleanup), OPEN_ARENA);
    }

    static MethodHandle marshal(String name, MethodType type) {
        try {
            return LOOKUP.findStatic(Marshal.class, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Marshal." + name + type + " is missing", e);
        }
    }
}
