package dev.graft.wasm;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The import module {@code graft.state}: the wasm loader's functions through which a guest reaches
 * its plugin's state, a host-owned block laid out as the C struct of the declared shape
 * ({@link GuestState}). Only a plugin that declares state may import it. Offsets are byte offsets
 * from the start of the state (the {@code #define}s of {@code WasmBindgen.stateHeader}); f32 and f64
 * values travel as their bits, so a NaN's payload is kept.
 *
 * <pre>
 * (import "graft.state" "i32_load"  (func (param i32) (result i32)))          ;; (offset) -> value
 * (import "graft.state" "i64_load"  (func (param i32) (result i64)))
 * (import "graft.state" "f32_load"  (func (param i32) (result f32)))
 * (import "graft.state" "f64_load"  (func (param i32) (result f64)))
 * (import "graft.state" "i32_store" (func (param i32 i32)))                   ;; (offset, value)
 * (import "graft.state" "i64_store" (func (param i32 i64)))
 * (import "graft.state" "f32_store" (func (param i32 f32)))
 * (import "graft.state" "f64_store" (func (param i32 f64)))
 * (import "graft.state" "i32_add"   (func (param i32 i32) (result i32)))      ;; (offset, delta) -> new value, atomic
 * (import "graft.state" "i64_add"   (func (param i32 i64) (result i64)))
 * (import "graft.state" "i32_cas"   (func (param i32 i32 i32) (result i32)))  ;; (offset, expected, new) -> 1 if swapped, atomic
 * (import "graft.state" "i64_cas"   (func (param i32 i64 i64) (result i32)))
 * (import "graft.state" "read"      (func (param i32 i32 i32)))               ;; (offset, ptr, len): state -> guest memory
 * (import "graft.state" "write"     (func (param i32 i32 i32)))               ;; (offset, ptr, len): guest memory -> state
 * </pre>
 */
final class GraftState {

    static final String MODULE = "graft.state";

    /** One function: its wasm type, and how messages describe it in contract words. */
    record Function(FunctionType type, String signature, boolean usesMemory) {
    }

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final ValType F32 = ValType.F32;
    private static final ValType F64 = ValType.F64;

    /** Every function by name, sorted. */
    static final Map<String, Function> FUNCTIONS = new TreeMap<>(Map.ofEntries(
            fn("i32_load", List.of(I32), List.of(I32), "fn i32_load(offset: i32) -> i32"),
            fn("i64_load", List.of(I32), List.of(I64), "fn i64_load(offset: i32) -> i64"),
            fn("f32_load", List.of(I32), List.of(F32), "fn f32_load(offset: i32) -> f32"),
            fn("f64_load", List.of(I32), List.of(F64), "fn f64_load(offset: i32) -> f64"),
            fn("i32_store", List.of(I32, I32), List.of(), "fn i32_store(offset: i32, value: i32)"),
            fn("i64_store", List.of(I32, I64), List.of(), "fn i64_store(offset: i32, value: i64)"),
            fn("f32_store", List.of(I32, F32), List.of(), "fn f32_store(offset: i32, value: f32)"),
            fn("f64_store", List.of(I32, F64), List.of(), "fn f64_store(offset: i32, value: f64)"),
            fn("i32_add", List.of(I32, I32), List.of(I32), "fn i32_add(offset: i32, delta: i32) -> i32"),
            fn("i64_add", List.of(I32, I64), List.of(I64), "fn i64_add(offset: i32, delta: i64) -> i64"),
            fn("i32_cas", List.of(I32, I32, I32), List.of(I32), "fn i32_cas(offset: i32, expected: i32, value: i32) -> i32"),
            fn("i64_cas", List.of(I32, I64, I64), List.of(I32), "fn i64_cas(offset: i32, expected: i64, value: i64) -> i32"),
            Map.entry("read", new Function(FunctionType.of(List.of(I32, I32, I32), List.of()),
                    "fn read(offset: i32, ptr: i32, len: i32)", true)),
            Map.entry("write", new Function(FunctionType.of(List.of(I32, I32, I32), List.of()),
                    "fn write(offset: i32, ptr: i32, len: i32)", true))));

    private GraftState() {
    }

    private static Map.Entry<String, Function> fn(String name, List<ValType> params, List<ValType> results, String signature) {
        return Map.entry(name, new Function(FunctionType.of(params, results), signature, false));
    }

    /** How messages list the functions: {@code fn f32_load(offset: i32) -> f32, ...}. */
    static String describe() {
        return FUNCTIONS.values().stream().map(Function::signature).collect(Collectors.joining(", "));
    }

    /** A found import's type in the same words: {@code fn i64_add(i32, i32) -> i32}. */
    static String found(String name, FunctionType type) {
        String params = type.params().stream().map(GuestSignature::wasmName).collect(Collectors.joining(", "));
        String results = type.returns().stream().map(GuestSignature::wasmName).collect(Collectors.joining(", "));
        return "fn " + name + "(" + params + ")" + (results.isEmpty() ? "" : " -> " + (type.returns().size() > 1
                ? "(" + results + ")" : results));
    }

    /**
     * The handle of function {@code name} for one instance: bound to the version's state, and to the
     * instance's {@link HostCalls} only to know whether the instance is still being initialised.
     * Each handle reuses its own result array, and {@code read} and {@code write} their own copy
     * buffer of the state's size (an instance runs one call at a time, and Chicory reads the result
     * before the guest goes on), so a state access allocates nothing; a function
     * without results returns null, as Chicory's host functions may.
     */
    static WasmFunctionHandle handle(String name, GuestState state, HostCalls calls) {
        String where = MODULE + "." + name;
        long[] result = new long[1];
        return switch (name) {
            case "i32_load", "f32_load" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.loadI32(where, (int) args[0]);
                return result;
            };
            case "i64_load", "f64_load" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.loadI64(where, (int) args[0]);
                return result;
            };
            case "i32_store", "f32_store" -> (instance, args) -> {
                calls.checkInitialised(where);
                state.storeI32(where, (int) args[0], (int) args[1]);
                return null; // no results
            };
            case "i64_store", "f64_store" -> (instance, args) -> {
                calls.checkInitialised(where);
                state.storeI64(where, (int) args[0], args[1]);
                return null; // no results
            };
            case "i32_add" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.addI32(where, (int) args[0], (int) args[1]);
                return result;
            };
            case "i64_add" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.addI64(where, (int) args[0], args[1]);
                return result;
            };
            case "i32_cas" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.casI32(where, (int) args[0], (int) args[1], (int) args[2]) ? 1 : 0;
                return result;
            };
            case "i64_cas" -> (instance, args) -> {
                calls.checkInitialised(where);
                result[0] = state.casI64(where, (int) args[0], args[1], args[2]) ? 1 : 0;
                return result;
            };
            case "read" -> {
                byte[] scratch = new byte[(int) state.size()]; // reused, like result: the copy allocates nothing
                yield (instance, args) -> {
                    calls.checkInitialised(where);
                    state.read(where, args[0], args[1], args[2], instance.memory(), scratch);
                    return null; // no results
                };
            }
            case "write" -> {
                byte[] scratch = new byte[(int) state.size()];
                yield (instance, args) -> {
                    calls.checkInitialised(where);
                    state.write(where, args[0], args[1], args[2], instance.memory(), scratch);
                    return null; // no results
                };
            }
            default -> throw new IllegalArgumentException("no function " + name + " in " + MODULE);
        };
    }
}
