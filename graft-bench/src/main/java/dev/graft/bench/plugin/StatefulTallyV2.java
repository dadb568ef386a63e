package dev.graft.bench.plugin;

import dev.graft.api.PluginContext;
import dev.graft.api.StateCell;
import dev.graft.bench.Tally;

/** Version 2 of the tally with state: another state record, so reloads between 1 and 2 map the state. */
public final class StatefulTallyV2 implements Tally {

    private final StateCell<TallyStateV2> state;

    public StatefulTallyV2(PluginContext context) {
        this.state = context.state(TallyStateV2.class);
    }

    @Override
    public int peek(int n) {
        return n + 1;
    }

    @Override
    public long add(long n) {
        return state.update(s -> new TallyStateV2(s.count() + n, s.spare())).count();
    }
}
