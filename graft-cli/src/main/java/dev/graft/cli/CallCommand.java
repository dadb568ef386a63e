package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.Invocation;
import dev.graft.core.InvocationException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginInfo;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graft call ARTIFACT CONTRACT.METHOD ARGS...}: loads one plugin in a throwaway host, calls
 * one contract method by name ({@link Graft#invocation}) with arguments parsed from text by the
 * method's parameter types ({@link ValueText}), prints the result, and unloads it.
 */
@Command(name = "call",
        description = {
            "Loads a plugin in a throwaway host and calls one contract method by name.",
            "",
            "CONTRACT.METHOD names the contract as the plugin provides it and the method,",
            "such as example.greeter.greet. Each ARG is read by its parameter's type:",
            "numbers as Java writes them, true or false, strings as they are, byte arrays",
            "as hex (0x0a1b) or base64, records as name=value,... Prints the result the",
            "same way (byte arrays in hex); nothing for a void method.",
            "An unknown contract or method is answered with the names there are and the",
            "closest one (did you mean `greet`?).",
            "The host is graft run's: it knows the example contract and the contracts",
            "named with --contract, shares --classpath with JVM plugins, and offers Graft's",
            "built-in host modules (graft.log, graft.config, graft.handles) and the",
            "examples' (example.counters, example.tally) to the plugin. A plugin that",
            "imports any other host module is refused, with the load's message.",
            "Exit status 0 when the call returned, 1 when the load or the call failed,",
            "2 for a command line that is wrong (unknown name, wrong arguments).",
        })
public final class CallCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "The plugin artifact: a jar, a shared library, a .wasm module, a .js or .py script.")
    private Path artifact;

    @Parameters(index = "1", paramLabel = "CONTRACT.METHOD", description = "The contract's name and the method's, such as example.greeter.greet.")
    private String target;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "The method's arguments, as text.")
    private List<String> args = new ArrayList<>();

    @Mixin
    private HostOptions host;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            err.println("graft call: expected CONTRACT.METHOD, such as example.greeter.greet, found '" + target + "'");
            return GraftCommand.USAGE;
        }
        try (HostClassPath hostClasses = HostClassPath.of("graft-call", host.classPath);
             // retired at once when closed: a throwaway host has no calls left to wait for
             Graft graft = host.signatures(ExampleHost.builder(hostClasses, host.contracts)).collectRetiredAfter(Duration.ZERO)
                     .build()) {
            HostOptions.checkArtifact(artifact);
            host.declarePatchables(graft, hostClasses);
            PluginInfo plugin;
            try {
                plugin = graft.load(artifact);
            } catch (PluginException e) {
                err.println("graft call: cannot load " + artifact.getFileName() + ": " + e.getMessage());
                return 1;
            }
            Invocation invocation = graft.invocation(plugin.id(), target.substring(0, dot), target.substring(dot + 1));
            Method method = invocation.method(args.size());
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ValueText.parse(args.get(i), method.getParameterTypes()[i], "parameter " + (i + 1) + " '"
                        + method.getParameters()[i].getName() + "' of " + Invocation.signature(method));
            }
            Object result;
            try {
                result = invocation.invoke(values);
            } catch (InvocationException e) {
                throw e;
            } catch (RuntimeException e) {
                err.println("graft call: " + Invocation.signature(method) + " failed: " + e);
                return 1;
            }
            if (method.getReturnType() != void.class) {
                out.println(ValueText.format(result));
            }
            return 0;
        } catch (UsageException | InvocationException e) {
            err.println("graft call: " + e.getMessage());
            return GraftCommand.USAGE;
        }
    }
}
