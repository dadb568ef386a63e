package dev.graft.examples.greeter.jvm;

import dev.graft.api.PluginContext;
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
 */
public final class FriendlyGreeter implements Greeter {

    private final LongAdder greetings;

    public FriendlyGreeter(PluginContext context) {
        this.greetings = context.hostModule(Counters.class).counter("greetings");
        context.hostModule(Log.class).debug("greeter 2.0.0 (JVM) ready");
    }

    @Override
    public String greet(String name) {
        greetings.increment();
        return "Hi there, " + name + "!";
    }

    @Override
    public int next(int n) {
        return n + 2;
    }
}
