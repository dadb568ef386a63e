package dev.graft.wasm;

import java.lang.reflect.Method;

/**
 * One host module method linked to the import a guest declared for it: who answers for it in
 * every failure of a call to it, on the guest's side (the message it reads) and the host's (the log).
 *
 * @param module    the host module as the host provides it: {@code graft.log@1.0}
 * @param method    the method of the host module's interface
 * @param signature the import's wasm type and the method's words
 */
record BoundHostFunction(String pluginId, String versionLabel, String module, Method method, HostSignature signature) {

    /** {@code host module graft.log@1.0, fn info(str)}: how messages name the function. */
    String describe() {
        return "host module " + module + ", " + signature.expected();
    }
}
