package dev.graft.wasm;

import java.lang.reflect.Method;

/**
 * One contract method linked to the guest function that implements it.
 *
 * @param method    the contract method
 * @param signature what the convention asks of the guest function
 * @param index     the function's place in every {@link GuestInstance}'s table of exports
 */
record BoundFunction(Method method, GuestSignature signature, int index) {

    /** The export's name: the method's name. */
    String export() {
        return signature.name();
    }
}
