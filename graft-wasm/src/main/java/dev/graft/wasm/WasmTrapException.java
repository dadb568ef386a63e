package dev.graft.wasm;

/** The guest trapped: executed {@code unreachable}, divided by zero, read outside its memory, and so on. */
public class WasmTrapException extends WasmCallException {

    private final TrapKind kind;

    public WasmTrapException(String pluginId, String versionLabel, String function, TrapKind kind, String detail,
                             Throwable cause) {
        super(pluginId, versionLabel, function, "trapped: " + kind.description()
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
        this.kind = kind;
    }

    /** What kind of trap it was. */
    public TrapKind kind() {
        return kind;
    }
}
