package dev.graft.natives;

/**
 * Who answers for one host module function bound for a native plugin version: named by every
 * failure of a call to it, on the guest's side (the message it reads) and on the host's (the log).
 *
 * @param module   the host module as the host provides it, {@code graft.log@1.0}
 * @param function its signature, {@code fn info(str)}
 */
record HostFunction(String pluginId, String versionLabel, String module, String function) {

    /** How the guest's message names the function: {@code host module graft.log@1.0, fn info(str)}. */
    String describe() {
        return "host module " + module + ", " + function;
    }
}
