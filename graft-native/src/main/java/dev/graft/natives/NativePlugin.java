package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import dev.graft.core.state.BlockState;
import static java.lang.foreign.ValueLayout.ADDRESS;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One linked native plugin version: its mapped library, its entry points, and the generated
 * implementation of each contract it provides (and of each patchable function it patches, which
 * the argument below covers as it covers the implementations).
 *
 * <p>Why this is sound (a library is never unmapped while a thread runs in it): the generated
 * implementations call plain addresses into the library, valid until {@link #close} unmaps it,
 * and each of their methods keeps the version's {@link CallGuard} reachable until it returns.
 * Calls are not counted ({@link #drainBeforeStop} is false): when the version is retired, the
 * core has published its successor and dropped its own references to the implementations, and
 * asks {@link #retireWhenUnreachable}; this version then drops its own, and the guard's cleaner
 * hands the version back to the core's retirer only once the garbage collector finds the guard
 * unreachable, that is, once no thread is in a call and none holds an implementation it could
 * call (CallGuard's comment says why). Only then does the core call {@link #stop} and
 * {@link #close}, so when {@code dlclose} runs, no thread is inside the library and none can
 * enter it. A version with state is counted anyway (for its quiesce point); the core retires it
 * once the count drains, which proves the same. A rolled-back version was never published: no
 * call ever reached it.
 *
 * <p>Why freeing the host modules' upcall stubs with the library is sound: the stubs and the
 * {@code graft_host} tables live in the library's arena, closed by {@link #close}. A guest reaches a
 * stub only from its own code, so only on a thread that runs in the library: inside init, a
 * contract call or shutdown, all on the host's threads and over before {@code close} (init and
 * shutdown by the core's sequence, contract calls by the proof above); or on a thread the plugin
 * started, which it must stop in shutdown (docs/native-plugins.md), as it must anyway since the
 * library's code is unmapped next. A pointer to a stub kept in the library's globals goes away with
 * the library. So no thread can be in a stub, or enter one, once the arena closes.
 *
 * <p>Why the state block is valid whenever guest code can touch it: the block is host memory, in an
 * arena of its own ({@link dev.graft.core.state.StateBlock}), never in the library's, so unmapping
 * the library does not free it and the block outlives the library that wrote it. This version takes
 * its use of the block before {@link #start} (the core hands the state over first) and gives it back
 * in {@link #close}, after the library is unmapped; init, every contract call and shutdown run
 * between the two, and a thread the plugin started is stopped in shutdown. A pointer to the block
 * the library kept in its globals goes away with the library. When the next version has the same
 * shape it shares the block ({@link BlockState}'s comment): both hold a use, both may write it at
 * once (the old one's calls in flight, the new one's new calls), exactly as concurrent calls of one
 * version do, which is why guests update it atomically; the block is freed only by the last
 * version's close, so a retiring version never sees it freed under its calls in flight.
 */
final class NativePlugin implements PreparedPlugin {

    private final String label;
    private final NativeLibrary library;
    private final EntryPoints entries;
    // the implementations and their guard, dropped by retireWhenUnreachable so that the guard may
    // become unreachable; written and read by the core under its lifecycle lock
    private List<Provision> provisions;
    private List<PatchBody> patches;
    private CallGuard guard;
    private final MemorySegment host; // the graft_host init receives, in the library's arena
    private final Path privateCopy; // a sidecar's library, or a copy beside the artifact (MappedFile), for this version, or null
    private final BlockState state; // null when the plugin declares no state

    NativePlugin(String label, NativeLibrary library, EntryPoints entries, List<Provision> provisions, List<PatchBody> patches,
                 CallGuard guard, MemorySegment host, Path privateCopy, BlockState state) {
        this.label = label;
        this.library = library;
        this.entries = entries;
        this.provisions = List.copyOf(provisions);
        this.patches = List.copyOf(patches);
        this.guard = guard;
        this.host = host;
        this.privateCopy = privateCopy;
        this.state = state;
    }

    @Override
    public List<Provision> provisions() {
        if (provisions == null) {
            throw new IllegalStateException("expected " + label + " not yet retired, found it retired: its implementations are dropped");
        }
        return provisions;
    }

    /** The bodies of the patchable functions its descriptor or sidecar patches, bound to the guard like the implementations. */
    @Override
    public List<PatchBody> patches() {
        if (patches == null) {
            throw new IllegalStateException("expected " + label + " not yet retired, found it retired: its patches are dropped");
        }
        return patches;
    }

    /** The state block the descriptor declares, or null: the core hands it over before {@link #start}. */
    @Override
    public BlockState state() {
        return state;
    }

    /**
     * Writes the state block's address into the graft_host (the core calls start only once it
     * handed this version its state), then runs the descriptor's init with it and the tables of
     * the imported host modules; a reported failure refuses the load or reload, and shutdown is not
     * run.
     *
     * <p>Why calls on other threads see the tables and the block's address init stored in the
     * plugin's globals: they are written, and init runs, on the preparing thread before the core
     * publishes the version with volatile writes (the slot's call site and the plugin's target
     * array); a call reaches the library only after the volatile read of the call site or array
     * that found this version. That pair orders, as release and acquire, every store this thread
     * made before, the native ones included, before every load the calling thread makes after.
     */
    @Override
    public void start() {
        if (state != null) {
            host.set(ADDRESS, Descriptor.offset(HostTable.HOST, "state"), state.segment());
        }
        entries.runInit(host);
    }

    /** Runs the descriptor's shutdown, once no call is in flight. */
    @Override
    public void stop() {
        entries.runShutdown();
    }

    /**
     * Unmaps the library (the core calls this only once no call can be in flight, see the class
     * comment), then gives back this version's use of its state block, and deletes a private copy.
     */
    @Override
    public void close() {
        library.close();
        // after the library: the core closes a version only once no call runs in it, so
        // no code of this version touches the block any more, whether or not FFM let the library go
        if (state != null) {
            state.close();
        }
        if (privateCopy != null) {
            try {
                Files.deleteIfExists(privateCopy);
            } catch (IOException e) {
                System.getLogger(GraftLoggers.ARTIFACTS).log(System.Logger.Level.WARNING,
                        "cannot delete " + privateCopy, e);
            }
        }
    }

    /** Never: the garbage collector proves that no call runs in the version ({@link #retireWhenUnreachable}). */
    @Override
    public boolean drainBeforeStop() {
        return false;
    }

    /**
     * Drops this version's implementations and lets the guard's cleaner call {@code retire} once
     * the garbage collector finds the guard unreachable (see the class comment).
     */
    @Override
    public boolean retireWhenUnreachable(Runnable retire) {
        if (guard == null) {
            throw new IllegalStateException("expected " + label + " to be retired once, found a second retirement");
        }
        guard.whenUnreachable(retire);
        guard = null;
        provisions = null;
        patches = null;
        return true;
    }

    @Override
    public String toString() {
        return "NativePlugin[" + label + ", " + library.name() + "]";
    }
}
