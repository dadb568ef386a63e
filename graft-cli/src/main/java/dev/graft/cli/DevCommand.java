package dev.graft.cli;

import dev.graft.cli.dev.DevConsole;
import dev.graft.cli.dev.DevInputException;
import dev.graft.cli.dev.DevSession;
import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graft dev DIR}: a host like {@code graft run}, whose folder holds plugin sources, one
 * folder per plugin, which it builds itself on start and after every save, and loads, reloads
 * and unloads (a {@link DevSession}). docs/dev-mode.md describes it.
 */
@Command(name = "dev",
        description = {
            "Builds plugins from their sources and reloads them on every save.",
            "",
            "DIR holds one folder of sources per plugin. Each is built on start and after",
            "every save, by the builder of its kind (java, wat, ...: found from the",
            "folder's files, or named by kind = K in its graft-dev.properties), and",
            "loaded, then reloaded; a deleted folder is unloaded, a new one loaded. Each",
            "build prints one line: plugin, kind, the files changed, build and reload",
            "times, and the state carried. A build or reload that fails prints the",
            "compiler's or the loader's messages and the running version keeps serving.",
            "",
            "The host is graft run's (--classpath, --contract, --trust as there); Java",
            "plugins compile against graft-api and --classpath. Runs until interrupted",
            "(Ctrl-C). Exit status 2 if DIR is no folder, or a --contract is not found.",
            "See docs/dev-mode.md.",
        })
public final class DevCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder of plugin source folders.")
    private Path directory;

    @Mixin
    private HostOptions host;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (HostClassPath hostClasses = HostClassPath.of("graft-dev", host.classPath)) {
            // the contracts the host serves: C and wasm headers are written from these, and Java plugins compile against them
            List<Class<?>> contracts = ExampleHost.contracts(hostClasses, host.contracts);
            Graft graft = host.signatures(ExampleHost.builder(hostClasses, host.contracts, "greeter"))
                    .subscribe(event -> { // load and reload failures come back from the calls; a retirement's comes only here
                        if (event instanceof GraftEvent.Failed failed && failed.operation().startsWith("retire")) {
                            err.println(failed);
                            err.flush();
                        }
                    }).build();
            DevSession session;
            try {
                session = DevSession.builder(directory, graft).hostClassPath(hostClasses.paths()).contracts(contracts)
                        .console(new DevConsole(out, DevConsole.onTerminal())).start();
            } catch (DevInputException e) {
                graft.close();
                throw new UsageException(e.getMessage());
            }
            out.println("graft dev: building and watching " + session.directory() + " (Ctrl-C stops)");
            out.flush();
            RunCommand.serveUntilInterrupted("graft-dev-shutdown", () -> {
                session.close();
                graft.close();
            });
        } catch (UsageException e) {
            err.println("graft dev: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        return 0;
    }
}
