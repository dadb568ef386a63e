package dev.graft.examples.greeter.jvm;

import dev.graft.api.PluginContext;
import dev.graft.api.StateCell;
import dev.graft.api.host.Log;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.util.concurrent.atomic.LongAdder;

/**
 * Version 2 of the example plugin: same class name as version 1, other behaviour. Each version
 * gets a class loader of its own, so both can be loaded in one runtime.
 *
 * <p>It uses two host modules, both imported in its manifest: it logs that it is ready through
 * {@code graft.log} (at debug level: a host turns the logger {@code graft.plugin.greeter} up to see
 * it), and counts each greeting in the host's counter {@code "greetings"}, which
 * {@code example.counters} hands over as the host object itself (a JVM plugin needs no handle).
 *
 * <p>It also counts its greetings in its own state ({@link GreeterState}, named by the manifest's
 * {@code state}), which survives reloads: the host reads it with {@code graft.state("greeter")}.
 */
public final class FriendlyGreeter implements Greeter {

    private final LongAdder hostCounter; // the host's counter "greetings" (example.counters)
    // docs/jvm-plugins.md begin
    private final StateCell<GreeterState> state;

    public FriendlyGreeter(PluginContext context) {
        this.state = context.state(GreeterState.class); // keep the cell; it has no value until the version starts
        // docs/jvm-plugins.md end
        this.hostCounter = context.hostModule(Counters.class).counter("greetings");
        context.hostModule(Log.class).debug("greeter 2.0.0 (JVM) ready");
    }

    // docs/jvm-plugins.md begin
    @Override
    public String greet(String name) {
        String greeting = "Hi there, " + name + "!";
        hostCounter.increment();
        state.update(s -> new GreeterState(s.greetings() + 1, name)); // atomic: calls run on many threads
        return greeting;
    }
    // docs/jvm-plugins.md end

    @Override
    public int next(int n) {
        return n + 2;
    }
}
