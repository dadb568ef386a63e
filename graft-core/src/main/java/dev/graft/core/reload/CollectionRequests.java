package dev.graft.core.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks the JVM for garbage collections while retired versions await the collector's proof that no
 * call runs in them ({@code PreparedPlugin.retireWhenUnreachable}: native libraries). A version
 * that lived a while is in the old generation, so only a collection of the whole heap (a full
 * collection, a G1 concurrent cycle, a ZGC major cycle, each of which also unloads classes) can
 * find it unreachable; a busy host gets those from its own allocation, a quiet one may not for
 * hours. So:
 *
 * <ul>
 *   <li>a version that began waiting after the last collection Graft asked for is <em>untried</em>:
 *       once the oldest untried one has waited {@code collectAfter}, Graft asks for a collection,
 *       which tries every untried version at once (so reloads in quick succession cost one
 *       collection per {@code collectAfter}, not one each), or as soon as {@link #MANY_UNTRIED}
 *       are untried (a reload storm must not leave thousands of copies mapped: every mapped
 *       library makes the next {@code dlopen} slower);</li>
 *   <li>a version still waiting after a collection that came after it began waiting is
 *       <em>pinned</em> (a thread is in a call in it, or holds an implementation it is about to
 *       call); collections for pinned versions alone are asked for at doubling pauses, from
 *       {@code collectAfter} (at least a second) up to five minutes, since a parked call keeps its
 *       version however often the collector runs.</li>
 * </ul>
 * Collections are at least {@link #LEAST_BETWEEN} apart. With {@code -XX:+DisableExplicitGC} the
 * requests do nothing, and the host's own whole-heap collections retire the versions.
 *
 * <p>Why this is sound across threads: every field is read and written under this object's lock,
 * except that the requesting thread parks outside it; {@link #request} and {@link #close} unpark it
 * after changing what it waits for, and an unpark that comes before its park makes the park
 * return at once, so no wake-up is lost.
 */
final class CollectionRequests {

    private static final long LEAST_BETWEEN = Duration.ofMillis(10).toNanos();
    /** Untried versions that make a collection due at once, however recently they were retired. */
    static final int MANY_UNTRIED = 256;
    private static final long LEAST_PINNED_PAUSE = Duration.ofSeconds(1).toNanos();
    private static final long MOST_PINNED_PAUSE = Duration.ofMinutes(5).toNanos();

    private final long collectAfter;
    private final Map<PluginVersion, Long> waiting = new IdentityHashMap<>(); // version -> when it began waiting
    private long lastRequest = Long.MIN_VALUE; // when Graft last asked for a collection (before asking)
    private long pinnedPause;
    private Thread requester; // the thread asking for collections, or null when none waits
    private boolean closed;

    CollectionRequests(Duration collectAfter) {
        this.collectAfter = Math.min(collectAfter.toNanos(), MOST_PINNED_PAUSE);
        this.pinnedPause = Math.max(this.collectAfter, LEAST_PINNED_PAUSE);
    }

    /**
     * {@code version} awaits the collector's proof from {@code since} (a {@code nanoTime}); it is
     * asked for once {@link #request} is called.
     */
    synchronized void add(PluginVersion version, long since) {
        waiting.put(version, since);
    }

    /** Starts asking for collections for the versions added, or wakes the thread that does. */
    synchronized void request() {
        if (closed) {
            return;
        }
        if (requester == null) {
            requester = Thread.ofVirtual().name("graft-collect").start(this::run);
        } else {
            LockSupport.unpark(requester);
        }
    }

    /** The proof came for {@code version}, or it will never be asked for; false if it was not waiting. */
    synchronized boolean remove(PluginVersion version) {
        return waiting.remove(version) != null;
    }

    /** Whether no version waits. */
    synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The versions still waiting. */
    synchronized List<PluginVersion> waiting() {
        return new ArrayList<>(waiting.keySet());
    }

    /** Stops asking for collections (the runtime closes, and asks for its own). */
    synchronized void close() {
        closed = true;
        if (requester != null) {
            LockSupport.unpark(requester);
        }
    }

    private void run() {
        while (true) {
            long pause;
            synchronized (this) {
                if (closed || waiting.isEmpty()) {
                    requester = null;
                    return;
                }
                long now = System.nanoTime();
                long untriedDue = Long.MAX_VALUE;
                int untried = 0;
                boolean pinned = false;
                for (long since : waiting.values()) {
                    if (since > lastRequest) {
                        untriedDue = Math.min(untriedDue, since + collectAfter);
                        untried++;
                    } else {
                        pinned = true;
                    }
                }
                if (untried >= MANY_UNTRIED) {
                    untriedDue = now; // reloads in quick succession: each mapped copy slows the next dlopen
                }
                long due = Math.min(untriedDue, pinned ? lastRequest + pinnedPause : Long.MAX_VALUE);
                if (lastRequest != Long.MIN_VALUE) {
                    due = Math.max(due, lastRequest + LEAST_BETWEEN);
                }
                pause = due - now;
                if (pause <= 0) {
                    pinnedPause = untriedDue <= now ? Math.max(collectAfter, LEAST_PINNED_PAUSE)
                            : Math.min(2 * pinnedPause, MOST_PINNED_PAUSE);
                    lastRequest = now;
                }
            }
            if (pause <= 0) {
                System.gc();
            } else {
                LockSupport.parkNanos(this, pause);
            }
        }
    }
}
