package dev.graft.examples.host;

import dev.graft.core.Graft;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The smallest useful host: loads version 1 of the greeter plugin, calls it, reloads the plugin to
 * version 2, and calls the same proxy again. It offers the plugin one host module of its own,
 * {@code example.counters}, in which both versions count their greetings. The README shows {@link #run}; GreeterHostTest runs it
 * and checks the README still shows it.
 *
 * <pre>java -cp ... dev.graft.examples.host.GreeterHost greeter-v1.jar greeter-v2.jar</pre>
 */
public final class GreeterHost {

    private GreeterHost() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: GreeterHost GREETER_V1_JAR GREETER_V2_JAR");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), System.out);
    }

    // README begin
    static void run(Path v1, Path v2, PrintStream out) {
        HostCounters counters = new HostCounters();                  // host objects plugins may use
        try (Graft graft = Graft.builder()
                .hostModule(Counters.class, ctx -> counters::counter) // the host module example.counters
                .grant("greeter", Counters.class)                     // only the plugin greeter may import it
                .subscribe(event -> out.println("event: " + event))   // loaded, reloaded, retired, failed, ...
                .build()) {
            graft.load(v1);
            Greeter greeter = graft.contract(Greeter.class);          // a proxy: always the live version
            out.println(greeter.greet("world") + " next(1) = " + greeter.next(1));

            graft.reload("greeter", v2);                              // prepared aside, then swapped in one step
            out.println(greeter.greet("world") + " next(1) = " + greeter.next(1));
        }                                                             // close: unloads, retires, deletes copies
        out.println("greetings counted by the host: " + counters.total("greetings"));
    }
    // README end
}
