package dev.graft.core.reload;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JVM unloads classes: a native version is retired only once the collector finds its
 * implementations unreachable, and they are hidden classes, which a JVM run with
 * {@code -Xnoclassgc} (or {@code -XX:-ClassUnloading}) never collects. Said in messages only.
 */
final class ClassUnloading {

    private ClassUnloading() {
    }

    /** True only if the JVM says class unloading is off; false when it is on or the JVM does not say. */
    static boolean off() {
        try {
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return diagnostics != null && "false".equals(diagnostics.getVMOption("ClassUnloading").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not a HotSpot JVM, or no such option: nothing to say
        }
    }
}
