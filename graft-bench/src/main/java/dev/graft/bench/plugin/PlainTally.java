package dev.graft.bench.plugin;

import dev.graft.bench.Tally;
import java.util.concurrent.atomic.AtomicLong;

/** A tally without state: its count lives in a field of this version, and a reload starts it again. */
public final class PlainTally implements Tally {

    private final AtomicLong count = new AtomicLong();

    @Override
    public int peek(int n) {
        return n + 1;
    }

    @Override
    public long add(long n) {
        return count.addAndGet(n);
    }
}
