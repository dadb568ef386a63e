package dev.graft.wasm;

import static dev.graft.core.spi.ProviderClasses.desc;
import static dev.graft.core.spi.ProviderClasses.typeOf;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.graft.core.spi.ProviderClasses;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the provider object a wasm plugin hands the core: a class implementing the contract
 * interface whose every bound method is straight-line bytecode (the JDK's class-file API, as the
 * core's ProxyFactory): take a lane, write the arguments as wasm values (or into guest memory),
 * call the export through Chicory, convert the result, give the lane back.
 *
 * <p>Why generated code rather than MethodHandles in final fields: the object must implement an
 * arbitrary interface, which needs a generated class anyway (or a reflective proxy, which G6
 * forbids); and a MethodHandle in an ordinary final instance field is not a constant to the JIT,
 * so {@code invokeExact} on it would not inline. Direct calls to small final methods inline fully.
 * The int-to-int path allocates nothing of its own (the argument array is the instance's, reused).
 *
 * <p>One class per contract and set of bound methods (default methods the guest does not export
 * keep their Java body), cached; each plugin version gets its own instance of it, bound to its pool.
 */
final class ProviderGenerator {

    private static final ClassDesc CD_POOL = desc(InstancePool.class);
    private static final ClassDesc CD_LANE = desc(Lane.class);
    private static final ClassDesc CD_LANES = CD_LANE.arrayType();
    private static final ClassDesc CD_GUEST = desc(GuestInstance.class);
    private static final ClassDesc CD_LONGS = CD_long.arrayType();
    private static final ClassDesc CD_BYTES = desc(byte[].class);
    private static final ClassDesc CD_BUFFER = desc(ByteBuffer.class);
    private static final ClassDesc CD_RUNTIME_EXCEPTION = desc(RuntimeException.class);
    private static final ProviderClasses CLASSES =
            new ProviderClasses("wasm", InstancePool.class, ProviderGenerator.class, "dev.graft.wasm.", "com.dylibso.chicory.");

    private ProviderGenerator() {
    }

    /**
     * A provider of {@code binding}'s contract calling into {@code pool}; its functions' indices
     * start at {@code base}. A method whose guest function has a compiled method of the expected
     * type ({@link CompiledFunctions}) calls it through a constant handle, the provider's class
     * data; the others go through {@code Machine.call}.
     */
    static Object create(ContractBinding binding, InstancePool pool, String description) {
        List<BoundFunction> functions = binding.functions();
        int base = functions.isEmpty() ? 0 : functions.getFirst().index();
        List<Object> constants = new ArrayList<>(); // the handles, then a cooperative pool's table of bound lanes
        int[] constant = new int[functions.size()];
        StringBuilder variant = new StringBuilder(); // which methods call a handle: their bytes differ
        for (int i = 0; i < functions.size(); i++) {
            MethodHandle h = pool.module().compiledFunction(functions.get(i).index());
            boolean direct = h != null && h.type().equals(compiledType(functions.get(i).signature()));
            constant[i] = direct ? constants.size() : -1;
            if (direct) {
                constants.add(h);
            }
            variant.append(direct ? 'c' : 'm');
        }
        int homes = pool.cooperative() ? constants.size() : -1;
        if (pool.cooperative()) {
            constants.add(pool.homes());
            variant.append("/bound");
        }
        return CLASSES.create(binding.contract().type(), functions.stream().map(BoundFunction::method).toList(), variant.toString(),
                (code, self, offset) -> body(code, self, offset, functions.get(offset), constant[offset], homes),
                pool, base, description, constants);
    }

    /** The type of the compiled method of a guest function of {@code signature} ({@link CompiledFunctions}). */
    private static MethodType compiledType(GuestSignature signature) {
        FunctionType lowered = signature.lowered();
        List<Class<?>> params = new ArrayList<>();
        lowered.params().forEach(t -> params.add(javaType(t)));
        params.add(Memory.class);
        params.add(Instance.class);
        Class<?> result = lowered.returns().isEmpty() ? void.class : javaType(lowered.returns().getFirst());
        return MethodType.methodType(result, params);
    }

    private static Class<?> javaType(ValType t) {
        if (t.equals(ValType.I32)) {
            return int.class;
        } else if (t.equals(ValType.I64)) {
            return long.class;
        } else if (t.equals(ValType.F32)) {
            return float.class;
        } else if (t.equals(ValType.F64)) {
            return double.class;
        }
        return Object.class; // no compiled method has it: Machine.call serves
    }

    /** One bound method: see {@link InstancePool} for the shape. */
    private static void body(CodeBuilder code, ClassDesc self, int offset, BoundFunction f, int compiled, int homes) {
        GuestSignature signature = f.signature();
        MethodTypeDesc type = typeOf(f.method());
        int index = code.allocateLocal(TypeKind.INT);
        int lane = code.allocateLocal(TypeKind.REFERENCE);
        int guest = code.allocateLocal(TypeKind.REFERENCE);
        int args = code.allocateLocal(TypeKind.REFERENCE);
        int raw = code.allocateLocal(TypeKind.LONG);
        TypeKind resultKind = TypeKind.from(type.returnType());
        int result = resultKind == TypeKind.VOID ? -1 : code.allocateLocal(resultKind);

        code.aload(0).getfield(self, ProviderClasses.BASE, CD_int).loadConstant(offset).iadd().istore(index);
        code.aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL);
        if (homes >= 0) {
            ProviderClasses.loadConstant(code, CD_LANES, homes);
            code.iload(index).invokevirtual(CD_POOL, "acquireHome", MethodTypeDesc.of(CD_LANE, CD_LANES, CD_int)).astore(lane);
        } else {
            code.iload(index).invokevirtual(CD_POOL, "acquire", MethodTypeDesc.of(CD_LANE, CD_int)).astore(lane);
        }
        Label start = code.newBoundLabel();
        code.aload(lane).invokevirtual(CD_LANE, "guest", MethodTypeDesc.of(CD_GUEST)).astore(guest);
        boolean scalar = !signature.result().inMemory() && signature.params().stream().noneMatch(GuestType::inMemory);
        if (scalar && compiled >= 0) { // straight into the compiled method: no argument array, no Machine.call
            ProviderClasses.loadConstant(code, CD_MethodHandle, compiled);
            for (int p = 0; p < signature.params().size(); p++) {
                code.loadLocal(TypeKind.from(desc(f.method().getParameterTypes()[p])), code.parameterSlot(p));
            }
            callCompiled(code, guest, signature, raw);
        } else {
            code.aload(guest).loadConstant(signature.lowered().params().size())
                    .invokevirtual(CD_GUEST, scalar ? "scalarArgs" : "args", MethodTypeDesc.of(CD_LONGS, CD_int)).astore(args);
            writeArguments(code, f, guest, args);
            if (compiled >= 0) {
                ProviderClasses.loadConstant(code, CD_MethodHandle, compiled);
                List<ValType> lowered = signature.lowered().params();
                for (int i = 0; i < lowered.size(); i++) {
                    code.aload(args).loadConstant(i).laload();
                    fromLong(code, lowered.get(i));
                }
                callCompiled(code, guest, signature, raw);
            } else {
                code.aload(guest).iload(index).aload(args)
                        .invokevirtual(CD_GUEST, "call", MethodTypeDesc.of(CD_long, CD_int, CD_LONGS)).lstore(raw);
            }
        }
        convertResult(code, signature, guest, raw, result);
        Label end = code.newBoundLabel();
        if (homes >= 0) {
            code.aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL).aload(lane)
                    .invokevirtual(CD_POOL, "releaseHome", MethodTypeDesc.of(CD_void, CD_LANE));
        } else {
            code.aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL).aload(lane).iload(index)
                    .invokevirtual(CD_POOL, "release", MethodTypeDesc.of(CD_void, CD_LANE, CD_int));
        }
        if (result >= 0) {
            code.loadLocal(resultKind, result);
        }
        code.return_(resultKind);

        Label handler = code.newBoundLabel();
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(thrown)
                .aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL).aload(lane).iload(index).aload(thrown)
                .invokevirtual(CD_POOL, "failed", MethodTypeDesc.of(CD_RUNTIME_EXCEPTION, CD_LANE, CD_int, CD_Throwable))
                .athrow();
        code.exceptionCatchAll(start, end, handler);
    }

    /** Writes the arguments of {@code f} as wasm values into the array in local {@code args} (or into guest memory). */
    private static void writeArguments(CodeBuilder code, BoundFunction f, int guest, int args) {
        GuestSignature signature = f.signature();
        int at = 0;
        for (int p = 0; p < signature.params().size(); p++) {
            GuestType t = signature.params().get(p);
            int slot = code.parameterSlot(p);
            switch (t.abi()) {
                case I32, BOOL -> code.aload(args).loadConstant(at).iload(slot).i2l().lastore();
                case I64 -> code.aload(args).loadConstant(at).lload(slot).lastore();
                case F32 -> code.aload(args).loadConstant(at).fload(slot)
                        .invokestatic(desc(Float.class), "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float)).i2l().lastore();
                case F64 -> code.aload(args).loadConstant(at).dload(slot)
                        .invokestatic(desc(Double.class), "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double)).lastore();
                case STR -> put(code, guest, args, at, slot, "putString", CD_String);
                case BYTES -> put(code, guest, args, at, slot, "putBytes", CD_BYTES);
                case BUFFER -> put(code, guest, args, at, slot, "putBuffer", CD_BUFFER);
                case RECORD -> {
                    int addr = code.allocateLocal(TypeKind.INT);
                    code.aload(guest).loadConstant(t.layout().size()).aload(slot)
                            .invokevirtual(CD_GUEST, "reserveRecord", MethodTypeDesc.of(CD_int, CD_int, CD_Object)).istore(addr);
                    writeRecord(code, guest, addr, 0, t.layout(), slot);
                    code.aload(args).loadConstant(at).iload(addr).i2l().lastore();
                }
                case VOID -> throw new IllegalStateException("void parameter");
            }
            at += t.asParameter().size();
        }
    }

    /**
     * Calls the compiled method whose handle and arguments are on the stack, passing the
     * instance's memory and the instance, and leaves its result in local {@code raw} as the
     * {@code long} {@code Machine.call} would give ({@code 0} for none).
     */
    private static void callCompiled(CodeBuilder code, int guest, GuestSignature signature, int raw) {
        MethodType type = compiledType(signature);
        code.aload(guest).invokevirtual(CD_GUEST, "compiledMemory", MethodTypeDesc.of(desc(Memory.class)))
                .aload(guest).invokevirtual(CD_GUEST, "instance", MethodTypeDesc.of(desc(Instance.class)))
                .invokevirtual(CD_MethodHandle, "invokeExact", type.describeConstable().orElseThrow());
        Class<?> r = type.returnType();
        if (r == void.class) {
            code.lconst_0();
        } else if (r == int.class) {
            code.i2l();
        } else if (r == float.class) {
            code.invokestatic(desc(Float.class), "floatToRawIntBits", MethodTypeDesc.of(CD_int, CD_float)).i2l();
        } else if (r == double.class) {
            code.invokestatic(desc(Double.class), "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
        }
        code.lstore(raw);
    }

    /** A wasm value held in a {@code long} (as in Chicory's argument arrays), as the compiled method's parameter type. */
    private static void fromLong(CodeBuilder code, ValType t) {
        if (t.equals(ValType.I32)) {
            code.l2i();
        } else if (t.equals(ValType.F32)) {
            code.l2i().invokestatic(desc(Float.class), "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
        } else if (t.equals(ValType.F64)) {
            code.invokestatic(desc(Double.class), "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
        }
    }

    /** Converts the guest's result in local {@code raw} to the method's result in local {@code result}, then frees what it took. */
    private static void convertResult(CodeBuilder code, GuestSignature signature, int guest, int raw, int result) {
        GuestType resultType = signature.result();
        switch (resultType.abi()) {
            case VOID -> { }
            case I32 -> code.lload(raw).l2i().istore(result);
            // (int) raw != 0, branch-free: (i | -i) >>> 31
            case BOOL -> code.lload(raw).l2i().dup().ineg().ior().loadConstant(31).iushr().istore(result);
            case I64 -> code.lload(raw).lstore(result);
            case F32 -> code.lload(raw).l2i()
                    .invokestatic(desc(Float.class), "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int)).fstore(result);
            case F64 -> code.lload(raw)
                    .invokestatic(desc(Double.class), "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long)).dstore(result);
            case STR -> take(code, guest, raw, result, "takeString", CD_String);
            case BYTES -> take(code, guest, raw, result, "takeBytes", CD_BYTES);
            case BUFFER -> take(code, guest, raw, result, "takeBuffer", CD_BUFFER);
            case RECORD -> {
                int ptr = code.allocateLocal(TypeKind.INT);
                code.aload(guest).lload(raw).loadConstant(resultType.layout().size())
                        .invokevirtual(CD_GUEST, "takeRecord", MethodTypeDesc.of(CD_int, CD_long, CD_int)).istore(ptr);
                readRecord(code, guest, ptr, 0, resultType.layout());
                code.astore(result);
            }
        }
        if (resultType.inMemory()) {
            code.aload(guest).invokevirtual(CD_GUEST, "finish", MethodTypeDesc.of(CD_void)); // frees what the result took
        }
    }

    /** Writes the components of the record in local {@code record} into the struct at {@code addr + base}. */
    private static void writeRecord(CodeBuilder code, int guest, int addr, int base, RecordLayout layout, int record) {
        ClassDesc type = desc(layout.type());
        for (RecordLayout.Field f : layout.fields()) {
            Class<?> java = f.component().getType();
            MethodTypeDesc accessor = MethodTypeDesc.of(desc(java));
            if (f.type().abi() == AbiType.RECORD) {
                int nested = code.allocateLocal(TypeKind.REFERENCE);
                code.aload(record).invokevirtual(type, f.component().getName(), accessor)
                        .invokestatic(CD_GUEST, "present", MethodTypeDesc.of(CD_Object, CD_Object))
                        .checkcast(desc(java)).astore(nested);
                writeRecord(code, guest, addr, base + f.offset(), f.type().layout(), nested);
                continue;
            }
            code.aload(guest).iload(addr).loadConstant(base + f.offset()).iadd()
                    .aload(record).invokevirtual(type, f.component().getName(), accessor);
            String writer = switch (f.type().abi()) {
                case I32 -> "writeI32";
                case I64 -> "writeI64";
                case F32 -> "writeF32";
                case F64 -> "writeF64";
                case BOOL -> "writeBool";
                case STR -> "putStringAt";
                case BYTES -> "putBytesAt";
                case BUFFER -> "putBufferAt";
                case RECORD, VOID -> throw new IllegalStateException(f.toString());
            };
            code.invokevirtual(CD_GUEST, writer, MethodTypeDesc.of(CD_void, CD_int, desc(java)));
        }
    }

    /** Leaves a new record read from the struct at {@code ptr + base} on the stack. */
    private static void readRecord(CodeBuilder code, int guest, int ptr, int base, RecordLayout layout) {
        ClassDesc type = desc(layout.type());
        code.new_(type).dup();
        ClassDesc[] components = new ClassDesc[layout.fields().size()];
        for (int i = 0; i < components.length; i++) {
            RecordLayout.Field f = layout.fields().get(i);
            Class<?> java = f.component().getType();
            components[i] = desc(java);
            if (f.type().abi() == AbiType.RECORD) {
                readRecord(code, guest, ptr, base + f.offset(), f.type().layout());
                continue;
            }
            String reader = switch (f.type().abi()) {
                case I32 -> "readI32";
                case I64 -> "readI64";
                case F32 -> "readF32";
                case F64 -> "readF64";
                case BOOL -> "readBool";
                case STR -> "takeStringAt";
                case BYTES -> "takeBytesAt";
                case BUFFER -> "takeBufferAt";
                case RECORD, VOID -> throw new IllegalStateException(f.toString());
            };
            code.aload(guest).iload(ptr).loadConstant(base + f.offset()).iadd()
                    .invokevirtual(CD_GUEST, reader, MethodTypeDesc.of(desc(java), CD_int));
        }
        code.invokespecial(type, INIT_NAME, MethodTypeDesc.of(CD_void, components));
    }

    private static void put(CodeBuilder code, int guest, int args, int at, int slot, String method, ClassDesc type) {
        code.aload(guest).aload(args).loadConstant(at).aload(slot)
                .invokevirtual(CD_GUEST, method, MethodTypeDesc.of(CD_void, CD_LONGS, CD_int, type));
    }

    private static void take(CodeBuilder code, int guest, int raw, int result, String method, ClassDesc type) {
        code.aload(guest).lload(raw).invokevirtual(CD_GUEST, method, MethodTypeDesc.of(type, CD_long)).astore(result);
    }
}
