package dev.graft.core.jfr;

import dev.graft.core.GraftLoggers;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.host.HandleException;
import dev.graft.core.patch.PatchInfo;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Records each {@link GraftEvent} as a JDK Flight Recorder event of category "Graft"
 * ({@code dev.graft.Load}, {@code Reload}, {@code Unload}, {@code Retire}, {@code Failure},
 * {@code Patch}, {@code Restore}), each
 * call that failed in a guest ({@code dev.graft.CallFailed}, from a loader's exception) and each
 * refused handle ({@code dev.graft.HandleRefused}). Called where events are published and
 * where a refusal is made, never on the path of a call through a contract that succeeds (G6).
 *
 * <p>Recording must never fail Graft: with no recording running (or the event disabled) nothing
 * is built; a runtime without the {@code jdk.jfr} module, or anything JFR throws, turns recording
 * off for good, with one warning.
 */
public final class JfrEvents {

    private static final System.Logger LOG = System.getLogger(GraftLoggers.JFR);

    // why this is sound: a benign race; threads that read the old value at worst try once more
    // and fail the same way, and each event is recorded or dropped whole
    private static volatile boolean off;

    private JfrEvents() {
    }

    /** Records the event if a recording asks for it; never throws (but a VirtualMachineError). */
    public static void record(GraftEvent event) {
        safely(event, () -> Emit.event(event));
    }

    /**
     * Records a call that failed in a plugin's guest ({@code dev.graft.CallFailed}), from the
     * constructor of the exception its caller gets: a failed call only, never one that succeeds.
     *
     * @param failure the exception's class, such as {@code dev.graft.wasm.WasmTimeoutException}
     */
    public static void callFailed(String pluginId, String versionLabel, String function, Class<?> failure, String message) {
        safely(failure.getSimpleName(), () -> Emit.callFailed(pluginId, versionLabel, function, failure, message));
    }

    /** Records a refused handle (from the exception's constructor: every refusal makes one). */
    public static void handleRefused(HandleException refusal) {
        safely(refusal, () -> Emit.handleRefused(refusal));
    }

    private static void safely(Object what, Runnable emit) {
        if (off) {
            return;
        }
        try {
            // the jdk.jfr classes are reached only through Emit, so their absence is a
            // LinkageError caught here, not one of this class's
            emit.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            off = true;
            LOG.log(Level.WARNING, "JFR events of Graft are off from now on: recording " + what + " threw " + e, e);
        }
    }

    private static final class Emit {
        static void event(GraftEvent event) {
            switch (event) {
                case GraftEvent.Loaded e -> loaded(e);
                case GraftEvent.Reloaded e -> reloaded(e);
                case GraftEvent.Unloaded e -> unloaded(e);
                case GraftEvent.Retired e -> retired(e);
                case GraftEvent.Failed e -> failed(e);
                case GraftEvent.Patched e -> patched(e.patch(), e.live(), new PatchEvent());
                case GraftEvent.Restored e -> patched(e.patch(), e.live(), new RestoreEvent());
            }
        }

        private static void loaded(GraftEvent.Loaded e) {
            LoadEvent jfr = new LoadEvent();
            if (jfr.shouldCommit()) {
                jfr.plugin = e.pluginId();
                jfr.version = text(e.version());
                jfr.kind = e.kind();
                jfr.artifact = text(e.artifact());
                jfr.took = nanos(e.took());
                jfr.commit();
            }
        }

        private static void reloaded(GraftEvent.Reloaded e) {
            ReloadEvent jfr = new ReloadEvent();
            if (jfr.shouldCommit()) {
                jfr.plugin = e.pluginId();
                jfr.fromVersion = text(e.from());
                jfr.toVersion = text(e.to());
                jfr.artifact = text(e.artifact());
                jfr.prepare = nanos(e.prepare());
                jfr.quiesce = nanos(e.quiesce());
                jfr.publish = nanos(e.publish());
                jfr.total = nanos(e.total());
                jfr.relinked = String.join(",", e.relinked());
                jfr.state = text(e.state());
                jfr.commit();
            }
        }

        private static void unloaded(GraftEvent.Unloaded e) {
            UnloadEvent jfr = new UnloadEvent();
            if (jfr.shouldCommit()) {
                jfr.plugin = e.pluginId();
                jfr.version = text(e.version());
                jfr.commit();
            }
        }

        private static void retired(GraftEvent.Retired e) {
            RetireEvent jfr = new RetireEvent();
            if (jfr.shouldCommit()) {
                jfr.plugin = e.pluginId();
                jfr.version = text(e.version());
                jfr.versionLabel = e.versionLabel();
                jfr.drained = nanos(e.drained());
                jfr.commit();
            }
        }

        private static void failed(GraftEvent.Failed e) {
            FailureEvent jfr = new FailureEvent();
            if (jfr.shouldCommit()) {
                jfr.operation = e.operation();
                jfr.plugin = e.pluginId();
                jfr.artifact = text(e.artifact());
                if (e.error() != null) {
                    jfr.exceptionClass = e.error().getClass().getName();
                    jfr.message = e.error().getMessage();
                    jfr.causeClass = e.error().getCause() == null ? null : e.error().getCause().getClass().getName();
                }
                jfr.commit();
            }
        }

        private static void patched(PatchInfo patch, String live, PatchChangeEvent jfr) {
            if (jfr.shouldCommit()) {
                jfr.function = patch.function();
                jfr.plugin = patch.pluginId();
                jfr.versionLabel = patch.versionLabel();
                jfr.live = live;
                jfr.commit();
            }
        }

        static void callFailed(String pluginId, String versionLabel, String function, Class<?> failure, String message) {
            CallFailureEvent jfr = new CallFailureEvent();
            if (jfr.shouldCommit()) {
                jfr.plugin = pluginId;
                jfr.versionLabel = versionLabel;
                jfr.function = function;
                jfr.failure = failure.getName();
                jfr.message = message;
                jfr.commit();
            }
        }

        static void handleRefused(HandleException refusal) {
            HandleRefusalEvent jfr = new HandleRefusalEvent();
            if (jfr.shouldCommit()) {
                jfr.reason = text(refusal.reason());
                jfr.handle = refusal.handle();
                jfr.message = refusal.getMessage();
                jfr.commit();
            }
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

        private static long nanos(Duration d) {
            return d == null ? 0 : d.toNanos();
        }
    }
}
