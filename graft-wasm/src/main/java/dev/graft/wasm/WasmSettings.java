package dev.graft.wasm;

import java.time.Duration;

/**
 * What the host allows every wasm plugin: the ceiling of its linear memory, the deadline of one
 * call, and how many instances of one plugin version may run at once. A plugin's manifest may ask
 * for less ({@code max-memory-pages}, {@code call-timeout-ms}), never for more.
 *
 * @param mode           compiled (default) or interpreted
 * @param maxMemoryPages ceiling of a plugin's memory in 64 KiB pages; {@code memory.grow} past it
 *                       returns -1 inside the guest
 * @param callTimeout    the longest a call (or an instance's initialisation) may run before it is
 *                       interrupted and raises {@link WasmTimeoutException}
 * @param maxInstances   instances of one plugin version serving concurrent calls (rounded up to a
 *                       power of two); callers beyond that wait for one to be free
 */
public record WasmSettings(ExecutionMode mode, int maxMemoryPages, Duration callTimeout, int maxInstances) {

    /** 256 pages (16 MiB), 10 s per call, compiled, twice as many instances as processors (at least 2). */
    public static WasmSettings defaults() {
        return new WasmSettings(ExecutionMode.COMPILED, 256, Duration.ofSeconds(10),
                Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    public WasmSettings {
        if (mode == null) {
            throw new IllegalArgumentException("expected an execution mode, found null");
        }
        if (maxMemoryPages < 0 || maxMemoryPages > 65536) {
            throw new IllegalArgumentException("expected a memory ceiling of 0 to 65536 pages, found " + maxMemoryPages);
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("expected a positive call timeout, found " + callTimeout);
        }
        if (maxInstances < 1 || maxInstances > 1024) {
            throw new IllegalArgumentException("expected 1 to 1024 instances per plugin version, found " + maxInstances);
        }
    }

    public WasmSettings withMode(ExecutionMode mode) {
        return new WasmSettings(mode, maxMemoryPages, callTimeout, maxInstances);
    }

    public WasmSettings withMaxMemoryPages(int pages) {
        return new WasmSettings(mode, pages, callTimeout, maxInstances);
    }

    public WasmSettings withCallTimeout(Duration timeout) {
        return new WasmSettings(mode, maxMemoryPages, timeout, maxInstances);
    }

    public WasmSettings withMaxInstances(int instances) {
        return new WasmSettings(mode, maxMemoryPages, callTimeout, instances);
    }
}
