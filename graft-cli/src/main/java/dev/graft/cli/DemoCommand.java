package dev.graft.cli;

import dev.graft.cli.demo.DemoArtifacts;
import dev.graft.cli.demo.DemoKind;
import dev.graft.cli.demo.DemoKinds;
import dev.graft.cli.demo.DemoResult;
import dev.graft.cli.demo.PatchDemo;
import dev.graft.cli.demo.ReloadDemo;
import dev.graft.core.GraftException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code graft demo}: reloads the example greeter plugin over and over while threads call it, and
 * checks every answer, once per plugin kind ({@link DemoKinds}). Prints one summary line per kind:
 * {@code demo kind=jvm calls=N failed=F reloads=R reload_p50_ms=X reload_max_ms=Y}, then
 * {@code demo kind=native ...}, {@code demo kind=wasm ...}, {@code demo kind=js ...} and
 * {@code demo kind=python ...} (reloaded {@code --python-reloads} times, 20 by default: each of its
 * versions starts a Python context), each ending with what the plugins did
 * through host modules ({@code greetings_counted=N lines_logged=L handles_left=0}); then the patch
 * demo ({@link PatchDemo}): {@code demo kind=patch calls=N failed=F patches=P patch_p50_us=X}.
 */
@Command(name = "demo",
        description = {
            "Reloads the example plugin hundreds of times under calls; checks every answer.",
            "",
            "Loads version 1 of the example greeter plugin, starts threads calling greet",
            "and next through its contract, and meanwhile reloads it between versions 2",
            "and 1. Every answer must be exactly version 1's or version 2's; the call",
            "right after each reload must be the new version's. Runs once per plugin kind",
            "(a JVM jar, a native library built from C, a WebAssembly module built from",
            "WAT, then a JavaScript and a Python script), and prints one line each:",
            "  demo kind=jvm calls=N failed=F reloads=R reload_p50_ms=X reload_max_ms=Y ...",
            "  demo kind=native calls=N failed=F reloads=R ...",
            "  demo kind=wasm calls=N failed=F reloads=R ...",
            "  demo kind=js calls=N failed=F reloads=R ...",
            "  demo kind=python calls=N failed=F reloads=R ...",
            "The Python plugin is reloaded fewer times (--python-reloads): each of its",
            "versions starts a Python context, about 0.2 s.",
            "",
            "The plugins use the host: each version logs that it is ready through the",
            "host module graft.log (the first two lines are shown), and counts every",
            "greeting in a host counter, which the JVM plugin holds and the native and",
            "wasm plugins reach through a handle. The counter must end equal to the",
            "number of greet calls that returned, and no handle may be left at the end.",
            "Then a patchable function of the host is called by the same threads while the",
            "host patches and restores it 1200 times each, and a JVM, a native and a wasm",
            "plugin take turns laying a patch on top; every answer must be one body's:",
            "  demo kind=patch calls=N failed=F patches=P patch_p50_us=X",
            "--jfr FILE records a JDK Flight Recorder file with Graft's events.",
            "Exit status 1 if any call or check failed.",
        })
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--reloads", defaultValue = "200", paramLabel = "N",
            description = "How many reloads, alternating version 2 and 1 (default: ${DEFAULT-VALUE}).")
    private int reloads;

    @Option(names = "--python-reloads", defaultValue = "20", paramLabel = "N",
            description = "How many reloads for the Python plugin, at most --reloads (default: ${DEFAULT-VALUE}):"
                    + " each version starts a Python context, about 0.2 s.")
    private int pythonReloads;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "How many threads call the plugin meanwhile (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Records a JDK Flight Recorder file (default settings, Graft's events included).")
    private Path jfr;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (reloads < 1 || threads < 1 || pythonReloads < 1) {
            throw new ParameterException(spec.commandLine(), "expected --reloads, --python-reloads and --threads of 1 or more, found "
                    + reloads + ", " + pythonReloads + " and " + threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allPassed = true;
        try (JfrFile recording = JfrFile.start(jfr, out);
             DemoArtifacts artifacts = DemoArtifacts.extract()) {
            for (DemoKind kind : DemoKinds.all(artifacts)) {
                try {
                    int times = kind.name().equals("python") ? Math.min(reloads, pythonReloads) : reloads;
                    DemoResult result = new ReloadDemo(kind, threads, times, out, err).run();
                    out.println(result.summary());
                    allPassed &= result.failed() == 0;
                } catch (GraftException e) {
                    err.println("demo kind=" + kind.name() + " stopped: " + e.getMessage());
                    allPassed = false;
                }
            }
            try {
                String summary = new PatchDemo(threads, out).run(artifacts);
                out.println(summary);
                allPassed &= summary.contains(" failed=0 ");
            } catch (GraftException e) {
                err.println("demo kind=patch stopped: " + e.getMessage());
                allPassed = false;
            }
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return allPassed ? 0 : 1;
    }
}
