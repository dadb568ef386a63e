package dev.graft.wasm;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The import module {@code graft.host}: the wasm loader's own functions, which any wasm guest may
 * import without declaring them in its manifest. They reach nothing of the host: a guest reads the
 * message of its own last failed host call, and fails its own call.
 *
 * <pre>
 * (import "graft.host" "error_message" (func (param i32 i32) (result i32)))   ;; (buffer, capacity) -> bytes written
 * (import "graft.host" "fail" (func (param i32 i32 i32)))                     ;; (status, message, length): does not return
 * </pre>
 */
final class GraftHost {

    static final String MODULE = "graft.host";
    static final String ERROR_MESSAGE = "error_message";
    static final String FAIL = "fail";

    /** Each function's wasm type, by name, sorted. */
    static final Map<String, FunctionType> FUNCTIONS = new TreeMap<>(Map.of(
            ERROR_MESSAGE, FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
            FAIL, FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of())));

    private GraftHost() {
    }

    /** How messages list the functions: {@code error_message (param i32 i32) (result i32), fail (param i32 i32 i32)}. */
    static String describe() {
        StringBuilder s = new StringBuilder();
        FUNCTIONS.forEach((name, type) -> s.append(s.isEmpty() ? "" : ", ").append(name).append(' ').append(GuestSignature.wat(type)));
        return s.toString();
    }

    /** The handle of function {@code name} for one instance. */
    static WasmFunctionHandle handle(String name, HostCalls calls) {
        return switch (name) {
            case ERROR_MESSAGE -> (instance, args) -> {
                calls.bind(instance);
                return new long[] {calls.errorMessage(args[0], args[1])};
            };
            case FAIL -> (instance, args) -> {
                calls.bind(instance);
                throw calls.fail(args[0], args[1], args[2]);
            };
            default -> throw new IllegalArgumentException("no function " + name + " in " + MODULE);
        };
    }
}
