package dev.graft.bench.plugin;

import dev.graft.api.PluginContext;
import dev.graft.api.StateCell;
import dev.graft.bench.Tally;

/** Version 1 of the tally with state: the count lives in its state cell and survives reloads. */
public final class StatefulTally implements Tally {

    private final StateCell<TallyState> state;

    public StatefulTally(PluginContext context) {
        this.state = context.state(TallyState.class);
    }

    @Override
    public int peek(int n) {
        return n + 1;
    }

    @Override
    public long add(long n) {
        return state.update(s -> new TallyState(s.count() + n)).count();
    }
}
