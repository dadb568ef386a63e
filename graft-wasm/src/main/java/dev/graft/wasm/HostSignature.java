package dev.graft.wasm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wasm function a guest imports for one host module method. Parameters are lowered as for
 * contracts ({@link AbiType}: numbers as values, a str or bytes as {@code i32 ptr, i32 len}, a
 * record as an {@code i32} pointer to its struct). The result is always one {@code i64}, the
 * <b>status word</b>: the status in its high 32 bits (0 for success), and an {@code i32},
 * {@code f32} or {@code bool} result in its low 32 bits. Any other result (i64, f64, str, bytes, a
 * record) is written where a last {@code i32} parameter points. That is native host functions'
 * {@code graft_result} convention, so C guests of both kinds read alike, and every host function
 * can report a failure without trapping.
 *
 * <p>In messages the method reads in the contract's words, {@code fn read(i64) -> str}; a found
 * import is described in the same words wherever its wasm types line up (Mun's style, as
 * {@link GuestSignature} does for exports), and in raw wasm types elsewhere.
 */
record HostSignature(GuestSignature method) {

    /**
     * The import a guest declares for a host module method.
     *
     * @throws IllegalArgumentException naming the method and the type without a wasm mapping
     */
    static HostSignature of(Method m) {
        return new HostSignature(ContractBinding.signatureOf(m));
    }

    String name() {
        return method.name();
    }

    /** Whether the result travels in the status word's low half (or there is none). */
    boolean resultInWord() {
        return switch (method.result().abi()) {
            case VOID, I32, BOOL, F32 -> true;
            default -> false;
        };
    }

    /** The bytes the host writes at the result pointer: 0 when the result is in the status word. */
    int resultSize() {
        GuestType result = method.result();
        return switch (result.abi()) {
            case I64, F64, STR, BYTES, BUFFER -> 8; // a str or bytes result is a {ptr, len} pair
            case RECORD -> result.layout().size();
            default -> 0;
        };
    }

    FunctionType lowered() {
        List<ValType> params = new ArrayList<>();
        method.params().forEach(p -> params.addAll(p.asParameter()));
        if (!resultInWord()) {
            params.add(ValType.I32);
        }
        return FunctionType.of(params, List.of(ValType.I64));
    }

    /** Whether calling it reads or writes guest memory, so the module needs one. */
    boolean usesMemory() {
        return !resultInWord() || method.params().stream().anyMatch(GuestType::inMemory);
    }

    /** Whether the host allocates its result in the guest (with graft_alloc; graft_free on failure). */
    boolean usesAllocator() {
        return allocates(method.result());
    }

    /** Whether a 64-bit integer crosses, which is how a handle crosses. */
    boolean carriesLongs() {
        return carries(method.result()) || method.params().stream().anyMatch(HostSignature::carries);
    }

    /** {@code fn read(i64) -> str}. */
    String expected() {
        return method.expected();
    }

    /** The found import in the method's words where its wasm types line up, raw wasm types elsewhere. */
    String found(FunctionType found) {
        List<ValType> got = found.params();
        List<String> parts = new ArrayList<>();
        int at = 0;
        for (GuestType p : method.params()) {
            List<ValType> want = p.asParameter();
            if (at + want.size() <= got.size() && got.subList(at, at + want.size()).equals(want)) {
                parts.add(p.contractName());
                at += want.size();
            } else if (at < got.size()) {
                parts.add(GuestSignature.wasmName(got.get(at++)));
            }
        }
        boolean resultLinesUp = found.returns().equals(List.of(ValType.I64));
        if (!resultInWord()) {
            // the result pointer lines up when it is the one i32 left
            resultLinesUp &= at == got.size() - 1 && got.get(at).equals(ValType.I32);
            if (resultLinesUp) {
                at++;
            }
        }
        while (at < got.size()) {
            parts.add(GuestSignature.wasmName(got.get(at++)));
        }
        String text = "fn " + name() + "(" + String.join(", ", parts) + ")";
        if (resultLinesUp) {
            return text + (method.result().abi() == AbiType.VOID ? "" : " -> " + method.result().contractName());
        }
        return text + (found.returns().isEmpty() ? " (no result)" : " (result " + found.returns().stream()
                .map(GuestSignature::wasmName).collect(Collectors.joining(" ")) + ")");
    }

    private static boolean allocates(GuestType type) {
        return switch (type.abi()) {
            case STR, BYTES, BUFFER -> true;
            case RECORD -> type.layout().fields().stream().anyMatch(f -> allocates(f.type()));
            default -> false;
        };
    }

    private static boolean carries(GuestType type) {
        return switch (type.abi()) {
            case I64 -> true;
            case RECORD -> type.layout().fields().stream().anyMatch(f -> carries(f.type()));
            default -> false;
        };
    }
}
