package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graft inspect ARTIFACT}: what a plugin artifact says of itself, and whether Graft would
 * load it, read as a load reads it up to (not including) running any of its code
 * ({@link Graft#inspect}).
 */
@Command(name = "inspect",
        description = {
            "Shows what a plugin artifact declares, and whether Graft would load it.",
            "",
            "Prints its kind, id and version, the contracts it provides with each",
            "function's signature as Graft reads it (fn greet(str) -> str), the contracts",
            "it requires, the plugins it depends on, the host modules it imports, the",
            "limits it would run under, the state it declares, whether a signature file",
            "ARTIFACT.sig lies beside it, and whether every check a load runs before",
            "running the plugin's code passes; if one does not, the exception a load would",
            "end with. Runs none of the plugin's code: a native library is not even",
            "mapped (its descriptor is read from the file), so its constructors do not run.",
            "The host is graft run's: see --contract, --patchable and --classpath there.",
            "Exit status 0 if Graft would load it, 1 if it would refuse it, 2 if ARTIFACT is",
            "no file or a --contract is not found.",
        })
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ARTIFACT", description = "The plugin artifact: a jar, a shared library, a .wasm module, a .js or .py script.")
    private Path artifact;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Mixin
    private HostOptions host;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Inspection inspection;
        try (HostClassPath hostClasses = HostClassPath.of("graft-inspect", host.classPath);
             Graft graft = host.signatures(ExampleHost.builder(hostClasses, host.contracts)).build()) {
            HostOptions.checkArtifact(artifact);
            host.declarePatchables(graft, hostClasses);
            inspection = graft.inspect(artifact);
        } catch (UsageException e) {
            err.println("graft inspect: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean checked = !host.trust.isEmpty();
        out.print(json ? InspectionReport.json(inspection, checked) : InspectionReport.text(inspection, checked));
        out.flush();
        return inspection.loadable() ? 0 : 1;
    }
}
