package dev.graft.wasm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The signature a contract method asks of a guest function, in the contract's words
 * ({@code fn greet(str) -> str}) and lowered to wasm ({@code (param i32 i32) (result i64)}).
 * Mismatches are reported the way Mun reports them: the found function is described in the same
 * words wherever its wasm types line up with the expected ones, and in raw wasm types elsewhere,
 * so {@code greet(i32) -> i64} reads {@code found fn greet(i32) -> str}.
 */
record GuestSignature(String name, List<GuestType> params, GuestType result) {

    /** The wasm function type the convention lowers this signature to. */
    FunctionType lowered() {
        List<ValType> wasmParams = new ArrayList<>();
        params.forEach(p -> wasmParams.addAll(p.asParameter()));
        return FunctionType.of(wasmParams, result.asResult() == null ? List.of() : List.of(result.asResult()));
    }

    boolean matches(FunctionType found) {
        return lowered().equals(found);
    }

    /** {@code fn greet(str) -> str}. */
    String expected() {
        return "fn " + name + "(" + params.stream().map(GuestType::contractName).collect(Collectors.joining(", ")) + ")"
                + (result.abi() == AbiType.VOID ? "" : " -> " + result.contractName());
    }

    /** The found function in the contract's words where its types line up, raw wasm types elsewhere. */
    String found(FunctionType found) {
        List<ValType> got = found.params();
        List<String> parts = new ArrayList<>();
        int at = 0;
        for (GuestType p : params) {
            List<ValType> want = p.asParameter();
            if (at + want.size() <= got.size() && got.subList(at, at + want.size()).equals(want)) {
                parts.add(p.contractName());
                at += want.size();
            } else if (at < got.size()) {
                parts.add(wasmName(got.get(at++)));
            }
        }
        while (at < got.size()) {
            parts.add(wasmName(got.get(at++)));
        }
        List<ValType> returns = found.returns();
        String resultText;
        if (returns.isEmpty()) {
            resultText = "";
        } else if (returns.size() == 1 && returns.getFirst().equals(result.asResult())) {
            resultText = " -> " + result.contractName();
        } else if (returns.size() == 1) {
            resultText = " -> " + wasmName(returns.getFirst());
        } else {
            resultText = " -> (" + returns.stream().map(GuestSignature::wasmName).collect(Collectors.joining(", ")) + ")";
        }
        return "fn " + name + "(" + String.join(", ", parts) + ")" + resultText;
    }

    /** {@code (param i32 i32) (result i64)}, as WAT writes a function type. */
    static String wat(FunctionType type) {
        StringBuilder s = new StringBuilder();
        if (!type.params().isEmpty()) {
            s.append("(param ").append(type.params().stream().map(GuestSignature::wasmName).collect(Collectors.joining(" "))).append(")");
        }
        if (!type.returns().isEmpty()) {
            s.append(s.isEmpty() ? "" : " ").append("(result ")
                    .append(type.returns().stream().map(GuestSignature::wasmName).collect(Collectors.joining(" "))).append(")");
        }
        return s.isEmpty() ? "(no params, no results)" : s.toString();
    }

    static String wasmName(ValType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
