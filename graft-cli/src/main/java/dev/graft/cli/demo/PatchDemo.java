package dev.graft.cli.demo;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.patch.Patchable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;

/**
 * The patch demo: threads call the host's patchable function {@code price} while the host patches
 * and restores it over and over, and a plugin of each kind in turn lays its patch on top (loaded,
 * then unloaded for the next). Every answer must be exactly one body's; the host's own call right
 * after each {@code patch} or {@code restore} returned must be the body that should run then
 * (G1). Prints {@code demo kind=patch calls=N failed=F patches=P patch_p50_us=X}.
 */
public final class PatchDemo {

    /** Host patches and restores; a plugin's turn on top lasts this many of them. */
    private static final int HOST_CHANGES = 2400;
    private static final int TURN = 200;

    private final int threads;
    private final PrintWriter out;

    public PatchDemo(int threads, PrintWriter out) {
        this.threads = threads;
        this.out = out;
    }

    private static double hostBody(double x) {
        return x * 2;
    }

    /** Whether {@code answer} is what some body answers for {@code x}: the default, the host's, or a plugin's. */
    private static boolean oneBodys(double x, double answer) {
        return answer == x || answer == hostBody(x) || answer == PatchDemoPlugins.jvm(x)
                || answer == PatchDemoPlugins.nativeOneOff(x) || answer == PatchDemoPlugins.wasm(x);
    }

    /** Runs the demo with its plugins written into, or copied out to, the artifacts' folder. */
    public String run(DemoArtifacts artifacts) throws InterruptedException {
        Path dir = artifacts.directory();
        List<Path> plugins = List.of(PatchDemoPlugins.jvm(dir), PatchDemoPlugins.nativeOneOff(artifacts), PatchDemoPlugins.wasm(dir));
        List<String> ids = List.of(PatchDemoPlugins.JVM, PatchDemoPlugins.NATIVE, PatchDemoPlugins.WASM);
        List<DoubleUnaryOperator> pluginBodies = List.of(PatchDemoPlugins::jvm, PatchDemoPlugins::nativeOneOff, PatchDemoPlugins::wasm);
        out.printf("patchable function '%s': %d threads call it while the host patches and restores it %d times each and a jvm, a native and a "
                + "wasm plugin take turns patching it on top%n", PatchDemoPlugins.FUNCTION, threads, HOST_CHANGES / 2);
        AtomicLong pluginPatches = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long[] patchNanos = new long[HOST_CHANGES / 2];
        try (Graft graft = Graft.builder().subscribe(e -> {
            if (e instanceof GraftEvent.Patched p && p.pluginId() != null) {
                pluginPatches.incrementAndGet();
            }
        }).build()) {
            Patchable<DoubleUnaryOperator> price = graft.patchable(PatchDemoPlugins.FUNCTION, DoubleUnaryOperator.class, x -> x);
            DoubleUnaryOperator function = price.function();
            DoubleUnaryOperator host = PatchDemo::hostBody;
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                callers.add(Thread.ofPlatform().daemon().name("demo-patch-caller-" + t).start(() -> {
                    long mine = 0;
                    for (int i = 0; !stop.get(); i++) {
                        double x = 1000.25 + (i & 1023);
                        if (!oneBodys(x, function.applyAsDouble(x))) {
                            failed.incrementAndGet();
                        }
                        mine++;
                    }
                    calls.addAndGet(mine);
                }));
            }
            int top = -1; // the plugin whose patch is on top, or -1
            for (int i = 0; i < HOST_CHANGES; i++) {
                if (i % TURN == 0) { // the next turn: none on top, then jvm, native, wasm
                    if (top >= 0) {
                        graft.unload(ids.get(top));
                    }
                    top = (i / TURN) % 4 - 1;
                    if (top >= 0) {
                        graft.load(plugins.get(top));
                    }
                }
                boolean patch = i % 2 == 0;
                if (patch) {
                    long start = System.nanoTime();
                    price.patch(host);
                    patchNanos[i / 2] = System.nanoTime() - start;
                } else {
                    price.restore();
                }
                DoubleUnaryOperator expected = top >= 0 ? pluginBodies.get(top) : patch ? host : x -> x;
                double probe = 7.75 + i;
                if (function.applyAsDouble(probe) != expected.applyAsDouble(probe)) {
                    failed.incrementAndGet(); // a call after patch returned ran another body
                }
            }
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
        }
        long[] sorted = patchNanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(sorted.length + 1) / 2 - 1] / 1e3;
        return String.format(Locale.ROOT, "demo kind=patch calls=%d failed=%d patches=%d patch_p50_us=%.2f",
                calls.get(), failed.get(), HOST_CHANGES / 2 + pluginPatches.get(), p50);
    }
}
