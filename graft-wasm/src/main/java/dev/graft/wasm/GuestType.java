package dev.graft.wasm;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * A contract type as it crosses into wasm: its {@link AbiType}, its Java class, and for a record
 * its struct layout.
 */
record GuestType(AbiType abi, Class<?> java, RecordLayout layout) {

    /**
     * The guest type of a Java parameter or result type.
     *
     * @throws IllegalArgumentException if it has no wasm mapping, naming what is missing
     */
    static GuestType of(Class<?> java) {
        AbiType abi = AbiType.of(java).orElseThrow(() -> new IllegalArgumentException(
                "expected a type with a wasm mapping (" + AbiType.supported() + "), found " + java.getTypeName()));
        return new GuestType(abi, java, abi == AbiType.RECORD ? RecordLayout.of(java) : null);
    }

    /** {@code i32}, {@code str}, or the record's simple name. */
    String contractName() {
        return abi == AbiType.RECORD ? java.getSimpleName() : abi.contractName();
    }

    List<ValType> asParameter() {
        return abi.asParameter();
    }

    ValType asResult() {
        return abi.asResult();
    }

    boolean inMemory() {
        return abi.inMemory();
    }
}
