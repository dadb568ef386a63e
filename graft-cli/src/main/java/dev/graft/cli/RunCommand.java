package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graft run DIR}: a host around a plugin folder. Loads what is in it, reloads what is
 * rewritten, unloads what is deleted, and prints every event as it happens, until interrupted.
 *
 * <p>It is the examples' host too: it registers the example contract and offers the example host
 * modules to the plugin {@code greeter}, so the example plugins of every kind run in it (a native
 * or wasm plugin cannot bring its Java contract along; the host must know it).
 */
@Command(name = "run",
        description = {
            "Runs a plugin folder: loads it, reloads what changes, prints every event.",
            "",
            "Loads every plugin in DIR, then watches it: a new artifact is loaded, a",
            "rewritten one reloaded, a deleted one unloaded. Prints every event (loaded,",
            "reloaded, unloaded, retired, failed) as it happens. Runs until interrupted",
            "(Ctrl-C), then unloads every plugin.",
            "",
            "",
            "A native or WebAssembly plugin cannot bring its contract's Java interface",
            "along: name it with --contract (repeatable), found on graft's class path or",
            "among the jars and folders of --classpath, whose classes JVM plugins share",
            "too. The examples' contract (example.greeter) is registered, and their host",
            "modules (example.counters, example.tally) are offered to the plugin",
            "greeter, so the example plugins of every kind (jar, .so, .wasm) run in it.",
            "",
            "Type s and Enter to print each plugin's stats (loads, reloads, failures,",
            "the last reload's durations, versions retiring, live handles). --jfr FILE",
            "records a JDK Flight Recorder file with Graft's events, written on exit.",
            "--trust KEY (repeatable) checks each artifact's signature file (graft sign)",
            "against these public keys; --require-signatures refuses unsigned ones.",
            "Exit status 2 if DIR is no folder, or a --contract is not found or is not",
            "a contract.",
        })
public final class RunCommand implements Callable<Integer> {

    private final InputStream console;

    RunCommand(InputStream console) {
        this.console = console;
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The plugin folder.")
    private Path directory;

    @Mixin
    private HostOptions host;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Records a JDK Flight Recorder file (default settings, Graft's events included), written when it stops.")
    private Path jfr;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(directory)) {
            err.println("graft run: expected a plugin folder, found "
                    + (Files.exists(directory) ? "a file" : "nothing") + " at " + directory);
            return GraftCommand.USAGE;
        }
        try (HostClassPath hostClasses = HostClassPath.of("graft-run", host.classPath);
             JfrFile recording = JfrFile.start(jfr, out)) {
            GraftBuilder builder = host.signatures(ExampleHost.builder(hostClasses, host.contracts, "greeter"));
            out.println("graft run: watching " + directory.toAbsolutePath().normalize()
                    + " (type s and Enter for each plugin's stats; Ctrl-C stops)");
            Graft graft = builder.subscribe(event -> out.println(event)).build();
            try {
                host.declarePatchables(graft, hostClasses); // before the folder's plugins load: they may patch them
            } catch (UsageException e) {
                graft.close();
                throw e;
            }
            graft.watch(directory);
            StatsOnInput.start(console, graft, out);
            run(graft, recording);
        } catch (UsageException e) {
            err.println("graft run: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        return 0;
    }

    /** Serves until interrupted (Ctrl-C ends the JVM instead: then the hook closes the runtime and the recording). */
    private static void run(Graft graft, JfrFile recording) {
        // Ctrl-C ends the JVM without interrupting this thread: the hook unloads and retires the
        // plugins, then writes the recording, so that it has their unload and retire events
        serveUntilInterrupted("graft-run-shutdown", () -> {
            graft.close();
            if (recording != null) {
                recording.close();
            }
        });
    }

    /**
     * Waits until this thread is interrupted (a host running the command in a thread stops it so),
     * then runs {@code stop}; or, when Ctrl-C ends the JVM, runs {@code stop} in a shutdown hook.
     */
    static void serveUntilInterrupted(String hookName, Runnable stop) {
        Thread closer = new Thread(stop, hookName);
        Runtime.getRuntime().addShutdownHook(closer);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            stop.run();
        }
    }
}
