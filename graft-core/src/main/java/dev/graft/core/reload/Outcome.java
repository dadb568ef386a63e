package dev.graft.core.reload;

import dev.graft.core.event.Events;
import dev.graft.core.event.GraftEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transaction leaves to do once the lifecycle lock is released: deliver its events, then
 * hand the versions it replaced to the retirer, so that a version's Retired event never precedes
 * the event of the transaction that replaced it. Events that follow from the transaction's own
 * (a patch supplied or withdrawn with a version) are delivered after them: loaded, then patched.
 */
final class Outcome {
    private final Events delivery;
    private final Retirer retirer;
    private final List<GraftEvent> events = new ArrayList<>();
    private final List<GraftEvent> consequences = new ArrayList<>();
    private final List<PluginVersion> retire = new ArrayList<>();

    Outcome(Events delivery, Retirer retirer) {
        this.delivery = delivery;
        this.retirer = retirer;
    }

    void event(GraftEvent event) {
        events.add(event);
    }

    /** An event that follows from the transaction's own: delivered after them. */
    void consequence(GraftEvent event) {
        consequences.add(event);
    }

    void retire(PluginVersion old) {
        retire.add(old);
    }

    void complete() {
        try {
            events.addAll(consequences);
            consequences.clear();
            delivery.publish(events);
        } finally {
            retire.forEach(retirer::retire); // whatever a subscriber did, old versions go
            // and this outcome forgets them: a version the garbage collector must find unreachable
            // is not kept by a caller that still holds its outcome (Lifecycle.close does)
            retire.clear();
        }
    }
}
