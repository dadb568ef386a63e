package dev.graft.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code graft} command. Each subcommand is a class of its own in this package; adding one is
 * adding it to {@code subcommands} below.
 */
@Command(name = "graft",
        mixinStandardHelpOptions = true,
        versionProvider = GraftVersion.class,
        description = "Graft: a plugin runtime for JVM hosts; load, call and hot-reload plugins.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            DevCommand.class,
            BindgenCommand.class,
            KeygenCommand.class,
            SignCommand.class,
            InspectCommand.class,
            CallCommand.class,
            NewCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class GraftCommand implements Callable<Integer> {

    /** Exit status for a command line that is wrong (picocli uses the same for its own usage errors). */
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to execute, reading the console's input; tests set its output streams. */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** The command line, with {@code graft run} reading its console's lines from {@code in}. */
    static CommandLine commandLine(InputStream in) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine(new GraftCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == RunCommand.class ? type.cast(new RunCommand(in)) : defaults.create(type);
            }
        });
    }

    /** {@code graft} alone: say what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
