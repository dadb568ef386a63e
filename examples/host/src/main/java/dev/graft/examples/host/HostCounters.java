package dev.graft.examples.host;

import dev.graft.core.GraftBuilder;
import dev.graft.core.host.PluginHandles;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Tally;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The host objects behind the example host modules: named counters, which the example greeters
 * count their greetings in. JVM plugins get a counter itself ({@link Counters}); native and wasm
 * plugins get an owned handle on it and add through the handle ({@link Tally}). Either way the
 * greeting lands in the same host object, which outlives every plugin version.
 *
 * <pre>{@code
 * HostCounters counters = new HostCounters();
 * Graft.builder()
 *         .hostModule(Counters.class, ctx -> counters::counter)
 *         .hostModule(Tally.class, ctx -> counters.tally(ctx.handles()))
 *         .grant("greeter", Counters.class, Tally.class)
 * }</pre>
 * which {@link #offer} does.
 *
 * <p>Thread-safe: plugins call from any thread. Counters are made once per name
 * ({@link ConcurrentHashMap#computeIfAbsent} is atomic) and are {@link LongAdder}s, which many
 * threads add to without contending.
 */
public final class HostCounters {

    private final ConcurrentMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    /**
     * Registers {@code example.counters} and {@code example.tally} over these counters on
     * {@code builder}, and grants both to the plugins {@code pluginIds}.
     */
    public GraftBuilder offer(GraftBuilder builder, String... pluginIds) {
        builder.hostModule(Counters.class, ctx -> this::counter)
                .hostModule(Tally.class, ctx -> tally(ctx.handles()));
        for (String id : pluginIds) {
            builder.grant(id, Counters.class, Tally.class);
        }
        return builder;
    }

    /** The counter named {@code name}, made on first use: {@link Counters#counter}. */
    public LongAdder counter(String name) {
        return counters.computeIfAbsent(name, n -> new LongAdder());
    }

    /** What the counter named {@code name} counted so far; 0 if no plugin asked for it yet. */
    public long total(String name) {
        LongAdder counter = counters.get(name);
        return counter == null ? 0 : counter.sum();
    }

    /**
     * {@code example.tally} for one plugin version, over its handles: a handle it gets from
     * {@link Tally#counter} is checked on every {@link Tally#add}, so a released, forged or
     * other plugin's handle is refused (a {@code HandleException}, which the guest gets as an
     * error status) and never reaches a counter.
     */
    public Tally tally(PluginHandles handles) {
        return new Tally() {
            @Override
            public long counter(String name) {
                return handles.owned(HostCounters.this.counter(name));
            }

            @Override
            public void add(long counter, int n) {
                handles.resolve(counter, LongAdder.class).add(n);
            }
        };
    }
}
