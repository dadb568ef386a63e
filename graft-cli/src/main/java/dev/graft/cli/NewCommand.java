package dev.graft.cli;

import dev.graft.cli.dev.PluginSkeletons;
import dev.graft.cli.dev.SkeletonException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code graft new}: writes a plugin skeleton that {@code graft dev} builds and loads at once. */
@Command(name = "new",
        description = {
            "Writes a plugin skeleton into DIR/ID that graft dev builds and loads at once.",
            "",
            "KIND is java, c, rust, wat, c-wasm, rust-wasm, js or python. The skeleton has the manifest",
            "(id ID, version 0.1.0, providing each --contract at its version) and a stub of",
            "every contract method returning a plain default (0, false, \"\", an empty array,",
            "a record of defaults); its comments say where the code goes and which command",
            "runs it. docs/new-plugin.md lists what each kind writes and the toolchain it needs.",
            "Exit status 2 on an unknown kind, a bad id, a class that is not a contract, a",
            "DIR/ID that is not empty, or a contract type the kind cannot serve.",
        })
public final class NewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "java, c, rust, wat, c-wasm, rust-wasm, js or python.")
    private String kind;

    @Parameters(index = "1", paramLabel = "ID", description = "The plugin id: lower-case letters, digits, '.', '_', '-'.")
    private String id;

    @Parameters(index = "2", paramLabel = "DIR", arity = "0..1", description = "Where the plugin folder goes (default: the current folder).")
    private Path dir = Path.of(".");

    @Option(names = "--contract", required = true, paramLabel = "CLASS",
            description = "A contract interface the plugin provides (repeat for several).")
    private List<String> contracts = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars and folders holding the contracts, besides graft's own class path, separated as for java -cp.")
    private String classPath;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (HostClassPath hostClasses = HostClassPath.of("graft-new", classPath)) {
            List<Class<?>> types = new ArrayList<>();
            for (String contract : contracts) {
                types.add(hostClasses.load(contract));
            }
            Path folder = PluginSkeletons.write(kind, id, types, dir, runCommand());
            spec.commandLine().getOut().println("wrote " + folder + "; run it with: " + runCommand());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (UsageException | SkeletonException e) {
            err.println("graft new: " + e.getMessage());
            return GraftCommand.USAGE;
        } catch (IOException e) {
            err.println("graft new: cannot write into " + dir + ": " + e);
            return 1;
        }
    }

    /** The graft dev command that serves the new plugin, for the skeleton's comments. */
    private String runCommand() {
        StringBuilder run = new StringBuilder("./graft dev ").append(dir);
        if (classPath != null) {
            run.append(" --classpath ").append(classPath);
        }
        contracts.forEach(c -> run.append(" --contract ").append(c));
        return run.toString();
    }
}
