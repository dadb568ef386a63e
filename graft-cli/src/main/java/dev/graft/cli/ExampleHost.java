package dev.graft.cli;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import dev.graft.examples.greeter.Tally;
import dev.graft.examples.host.HostCounters;
import dev.graft.jvm.JvmPluginLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The host the commands that load plugins (run, inspect, call) set up: the examples' contract
 * ({@code example.greeter}) and host modules ({@code example.counters}, {@code example.tally}),
 * Graft's built-in host modules ({@code graft.log}, {@code graft.config}, {@code graft.handles},
 * granted to every plugin by Graft itself), the contracts named with {@code --contract}, and JVM
 * plugins sharing the classes of {@code --classpath}. A native or wasm plugin cannot bring its
 * contract's Java interface along: the host must know it.
 */
final class ExampleHost {

    private ExampleHost() {
    }

    /**
     * A builder for that host.
     *
     * @param grantedTo the plugins the example host modules are granted to; none for every plugin
     * @throws UsageException if a {@code --contract} is not found or is not a contract
     */
    static GraftBuilder builder(HostClassPath hostClasses, List<String> contracts, String... grantedTo) throws UsageException {
        GraftBuilder builder = new HostCounters().offer(Graft.builder(), grantedTo)
                .loader(new JvmPluginLoader(hostClasses.loader())); // JVM plugins share the host's classes
        if (grantedTo.length == 0) {
            builder.grantToAll(Counters.class, Tally.class);
        }
        for (Class<?> type : contracts(hostClasses, contracts)) {
            try {
                builder.contract(type);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--contract " + type.getName() + ": " + e.getMessage()); // never Greeter: a contract
            }
        }
        return builder;
    }

    /** The contracts the host registers: the example's, then each {@code --contract} not already among them. */
    static List<Class<?>> contracts(HostClassPath hostClasses, List<String> contracts) throws UsageException {
        List<Class<?>> types = new ArrayList<>(List.of(Greeter.class));
        for (String contract : contracts) {
            Class<?> type = hostClasses.load(contract);
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }
}
