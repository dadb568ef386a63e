package dev.graft.natives;

import dev.graft.core.Graft;
import java.time.Duration;
import dev.graft.core.GraftBuilder;
import dev.graft.core.state.StateChange;
import dev.graft.core.state.StateReport;
import dev.graft.natives.fixture.Counter;
import dev.graft.natives.fixture.Pause;
import dev.graft.natives.fixture.PauseModule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the state tests share: the counter plugin's host (src/test/c/counter.c) and report checks. */
final class StateFixtures {

    private StateFixtures() {
    }

    /** A runtime for the counter: its contract, and test.native.pause (backed by {@code pause}) granted to it. */
    static GraftBuilder counterHost(PauseModule pause) {
        return Graft.builder().collectRetiredAfter(Duration.ZERO).contract(Counter.class).hostModule(Pause.class, context -> pause).grant("counter", Pause.class);
    }

    /** Asserts the report says {@code kind} for {@code field}, from type {@code from} to {@code to}. */
    static StateChange assertChange(StateReport report, String field, StateChange.Kind kind, String from, String to) {
        StateChange change = report.change(field).orElseThrow(() -> new AssertionError("expected a change of " + field
                + " in " + report + ", found none"));
        assertEquals(kind, change.kind(), report.toString());
        assertEquals(from, change.from(), report.toString());
        assertEquals(to, change.to(), report.toString());
        if (kind != StateChange.Kind.KEPT) { // kept fields are counted, not listed
            assertTrue(report.toString().contains(change.toString()), "the report's text says it: " + report);
        }
        return change;
    }
}
