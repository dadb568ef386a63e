package dev.graft.natives;

import static java.lang.invoke.MethodType.methodType;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
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
 * Builds, for one host module method, the function a native guest calls: an FFM upcall stub whose
 * target lifts the C arguments to Java (strings checked as UTF-8, bytes copied, structs read),
 * calls the module's implementation for this plugin version through the interface method, and
 * lowers the result into the graft_result word or through the guest's result pointer. The mirror
 * of {@link GuestCall}, with the same calling convention seen from the other side.
 *
 * <p>Every target is wrapped in a handler that turns any {@link Throwable} into a status word
 * ({@link HostFailure}): an exception must never unwind out of an upcall, FFM would end the JVM.
 */
final class HostCall {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle REPORT = find(HostFailure.class, "report", methodType(long.class, HostFunction.class, Throwable.class));

    private HostCall() {
    }

    /** The C function type of a host function: graft.h's convention, every result a graft_result word. */
    static FunctionDescriptor descriptor(Method method, Signature signature) {
        List<MemoryLayout> params = new ArrayList<>();
        Class<?>[] javaParams = method.getParameterTypes();
        for (int i = 0; i < javaParams.length; i++) {
            switch (signature.params().get(i)) {
                case NativeType.Scalar s -> params.add(s.layout());
                case NativeType.Bytes b -> {
                    params.add(ValueLayout.ADDRESS);
                    params.add(ValueLayout.JAVA_LONG);
                }
                case NativeType.Struct s -> params.add(RecordCodec.of(javaParams[i]).layout());
            }
        }
        if (!NativeType.returnedInRegister(signature.result())) {
            params.add(ValueLayout.ADDRESS);
        }
        return FunctionDescriptor.of(ValueLayout.JAVA_LONG, params.toArray(MemoryLayout[]::new));
    }

    /**
     * The upcall stub of {@code method} on {@code implementation}, allocated in {@code arena}: it
     * lives until the arena closes, which the plugin version's retirement does (see NativePlugin).
     *
     * @param method    a method of the host module interface, public
     * @param signature its signature, checked against the guest's by the caller
     */
    static MemorySegment stub(Method method, Signature signature, Object implementation, HostFunction function, Arena arena) {
        FunctionDescriptor descriptor = descriptor(method, signature);
        MethodHandle target = target(method, signature, implementation, function);
        return GuestCall.LINKER.upcallStub(target.asType(descriptor.toMethodType()), descriptor, arena);
    }

    /** {@code (C params..., [result pointer]) -> long}, never throwing. */
    static MethodHandle target(Method method, Signature signature, Object implementation, HostFunction function) {
        MethodHandle h;
        try {
            h = MethodHandles.publicLookup().unreflect(method).bindTo(implementation);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("expected host module interface " + method.getDeclaringClass().getName()
                    + " to be accessible to graft-native (a public interface, in no non-public class), found " + e.getMessage(), e);
        }
        h = lowerResult(h, signature.result(), method.getReturnType());
        Class<?>[] javaParams = method.getParameterTypes();
        // last to first, so the positions of earlier parameters stay put
        for (int i = javaParams.length - 1; i >= 0; i--) {
            h = liftArgument(h, i, signature.params().get(i), javaParams[i]);
        }
        MethodHandle handler = MethodHandles.insertArguments(REPORT, 0, function);
        return MethodHandles.catchException(h, Throwable.class, handler);
    }

    /** (java...) -> R  becomes  (java..., [MemorySegment out]) -> long. */
    private static MethodHandle lowerResult(MethodHandle h, NativeType result, Class<?> javaResult) {
        if (result == null) {
            return MethodHandles.filterReturnValue(h, MethodHandles.constant(long.class, 0L));
        }
        if (NativeType.returnedInRegister(result)) {
            String pack = switch ((NativeType.Scalar) result) {
                case I32 -> "packInt";
                case F32 -> "packFloat";
                case BOOL -> "packBoolean";
                default -> throw new IllegalStateException("not returned in a register: " + result);
            };
            return MethodHandles.filterReturnValue(h, marshal(pack, methodType(long.class, javaResult)));
        }
        MethodHandle write = switch (result) { // (R, MemorySegment out) -> long
            case NativeType.Scalar s -> marshal(s == NativeType.Scalar.I64 ? "writeLong" : "writeDouble",
                    methodType(long.class, javaResult, MemorySegment.class));
            case NativeType.Bytes b -> marshal(b == NativeType.Bytes.STR ? "writeString"
                            : javaResult == ByteBuffer.class ? "writeBuffer" : "writeBytes",
                    methodType(long.class, javaResult, MemorySegment.class));
            case NativeType.Struct s -> MethodHandles.insertArguments(marshal("writeStruct",
                            methodType(long.class, RecordCodec.class, Object.class, MemorySegment.class)), 0, RecordCodec.of(javaResult))
                    .asType(methodType(long.class, javaResult, MemorySegment.class));
        };
        return MethodHandles.collectArguments(write, 0, h);
    }

    /** Replaces the Java parameter at {@code position} by the C parameter(s) it comes from. */
    private static MethodHandle liftArgument(MethodHandle h, int position, NativeType type, Class<?> javaType) {
        MethodHandle lift = switch (type) {
            case NativeType.Scalar s -> null; // the upcall passes the C scalar as the Java primitive
            case NativeType.Bytes b -> marshal(b == NativeType.Bytes.STR ? "string" : javaType == ByteBuffer.class ? "buffer" : "bytes",
                    methodType(javaType, MemorySegment.class, long.class));
            case NativeType.Struct s -> MethodHandles.insertArguments(marshal("struct",
                            methodType(Object.class, RecordCodec.class, MemorySegment.class)), 0, RecordCodec.of(javaType))
                    .asType(methodType(javaType, MemorySegment.class));
        };
        return lift == null ? h : MethodHandles.collectArguments(h, position, lift);
    }

    private static MethodHandle marshal(String name, MethodType type) {
        return find(HostMarshal.class, name, type);
    }

    private static MethodHandle find(Class<?> owner, String name, MethodType type) {
        try {
            return LOOKUP.findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getSimpleName() + "." + name + type + " is missing", e);
        }
    }
}
