package dev.graft.wasm;

import static dev.graft.core.spi.ProviderClasses.desc;
import static dev.graft.core.spi.ProviderClasses.typeOf;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import dev.graft.core.spi.ProviderClasses;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.ByteBuffer;
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
    private static final ClassDesc CD_GUEST = desc(GuestInstance.class);
    private static final ClassDesc CD_LONGS = CD_long.arrayType();
    private static final ClassDesc CD_BYTES = desc(byte[].class);
    private static final ClassDesc CD_BUFFER = desc(ByteBuffer.class);
    private static final ClassDesc CD_RUNTIME_EXCEPTION = desc(RuntimeException.class);
    private static final ProviderClasses CLASSES =
            new ProviderClasses("wasm", InstancePool.class, ProviderGenerator.class, "dev.graft.wasm.", "com.dylibso.chicory.");

    private ProviderGenerator() {
    }

    /** A provider of {@code binding}'s contract calling into {@code pool}; its functions' indices start at {@code base}. */
    static Object create(ContractBinding binding, InstancePool pool, String description) {
        List<BoundFunction> functions = binding.functions();
        int base = functions.isEmpty() ? 0 : functions.getFirst().index();
        return CLASSES.create(binding.contract().type(), functions.stream().map(BoundFunction::method).toList(),
                (code, self, offset) -> body(code, self, offset, functions.get(offset)), pool, base, description);
    }

    /** One bound method: see {@link InstancePool} for the shape. */
    private static void body(CodeBuilder code, ClassDesc self, int offset, BoundFunction f) {
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
        code.aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL).iload(index)
                .invokevirtual(CD_POOL, "acquire", MethodTypeDesc.of(CD_LANE, CD_int)).astore(lane);
        Label start = code.newBoundLabel();
        code.aload(lane).invokevirtual(CD_LANE, "guest", MethodTypeDesc.of(CD_GUEST)).astore(guest);
        boolean scalar = !signature.result().inMemory() && signature.params().stream().noneMatch(GuestType::inMemory);
        code.aload(guest).loadConstant(signature.lowered().params().size())
                .invokevirtual(CD_GUEST, scalar ? "scalarArgs" : "args", MethodTypeDesc.of(CD_LONGS, CD_int)).astore(args);
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
        code.aload(guest).iload(index).aload(args)
                .invokevirtual(CD_GUEST, "call", MethodTypeDesc.of(CD_long, CD_int, CD_LONGS)).lstore(raw);
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
        Label end = code.newBoundLabel();
        code.aload(0).getfield(self, ProviderClasses.TARGET, CD_POOL).aload(lane).iload(index)
                .invokevirtual(CD_POOL, "release", MethodTypeDesc.of(CD_void, CD_LANE, CD_int));
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
