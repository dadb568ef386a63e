package dev.graft.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test loader's plugin versions went through, in order: {@code prepare}, {@code start},
 * {@code takeState}, {@code stop}, {@code close}. Thread-safe; the retirer writes from its own thread.
 */
public final class Journal {

    /**
     * One step of one version.
     *
     * @param activeCalls calls in flight in the version when the step ran; for {@code takeState},
     *                    in the <em>previous</em> version, the one whose state is taken
     */
    public record Entry(String step, String pluginId, String label, int activeCalls) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(String step, String pluginId, String label, int activeCalls) {
        entries.add(new Entry(step, pluginId, label, activeCalls));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one step, in order. */
    public List<Entry> of(String step) {
        return entries.stream().filter(e -> e.step().equals(step)).toList();
    }

    /** The ids of the plugins that went through a step, in order. */
    public List<String> ids(String step) {
        return of(step).stream().map(Entry::pluginId).toList();
    }

    /** The steps one version went through, in order. */
    public List<String> steps(String label) {
        return entries.stream().filter(e -> e.label().equals(label)).map(Entry::step).toList();
    }

    /** The labels of the versions of one plugin, in the order they were prepared. */
    public List<String> labels(String pluginId) {
        return of("prepare").stream().filter(e -> e.pluginId().equals(pluginId)).map(Entry::label).toList();
    }

    /** Forgets what happened so far, to look at one transaction alone. */
    public void clear() {
        entries.clear();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
