package dev.graft.natives;

import dev.graft.core.GraftLoggers;
import dev.graft.core.InvalidArtifactException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One mapped shared library: {@code dlopen} when opened, {@code dlclose} when its arena closes.
 *
 * <p>The arena is shared because the version is loaded on the thread that reloads and closed on
 * the core's retire thread. Function addresses handed to {@link GuestCall} are not tied to it (a
 * downcall through an address of a shared arena would pay an acquire and release on every call):
 * they are bound to the version's {@link CallGuard}, whose collection, after the last call, is
 * what lets the core close this arena (see {@link NativePlugin}).
 */
final class NativeLibrary {

    private static final System.Logger LOG = System.getLogger(GraftLoggers.NATIVE);

    private final String name;
    private final Arena arena;
    private final SymbolLookup symbols;

    private NativeLibrary(String name, Arena arena, SymbolLookup symbols) {
        this.name = name;
        this.arena = arena;
        this.symbols = symbols;
    }

    /** Maps a library file (Graft's private copy) for a plugin version; call {@link ElfFile#check} first. */
    static NativeLibrary open(Path file, Path source) {
        return open(file, source, Arena.ofShared());
    }

    /**
     * Maps a library file only to read it on this thread, such as its descriptor: a confined arena,
     * whose close needs no handshake with every other thread as a shared one's does.
     */
    static NativeLibrary openToRead(Path file, Path source) {
        return open(file, source, Arena.ofConfined());
    }

    private static NativeLibrary open(Path file, Path source, Arena arena) {
        try {
            return new NativeLibrary(file.getFileName().toString(), arena, SymbolLookup.libraryLookup(file, arena));
        } catch (IllegalArgumentException e) {
            arena.close();
            // the system's reason, with the user's file where it names the copy (deleted by the time anyone reads it)
            String reason = LoaderError.reason(file.toAbsolutePath().toString(), e.getMessage())
                    .replace(file.toAbsolutePath().toString(), source.toString());
            throw new InvalidArtifactException(null, source, "expected a shared library the system can load, found "
                    + "one it refuses: " + reason, e);
        }
    }

    /** Maps a library by the name the system's loader searches for, such as {@code libz.so.1}. */
    static NativeLibrary openSystem(String libraryName, Path source) {
        Arena arena = Arena.ofShared();
        try {
            return new NativeLibrary(libraryName, arena, SymbolLookup.libraryLookup(libraryName, arena));
        } catch (IllegalArgumentException e) {
            arena.close();
            throw new InvalidArtifactException(null, source, "expected a library named " + libraryName
                    + " that the system's loader finds, found none (" + LoaderError.reason(libraryName, e.getMessage()) + ")", e);
        }
    }

    String name() {
        return name;
    }

    /**
     * The version's arena: what else must live exactly as long as the mapping (the host modules'
     * upcall stubs and tables) is allocated here, and freed by the same {@link #close}.
     */
    Arena arena() {
        return arena;
    }

    /** A symbol's address, bounded by the library's lifetime. */
    Optional<MemorySegment> find(String symbol) {
        return symbols.find(symbol);
    }

    /**
     * Unmaps the library. Nothing holds the arena by then: calls target addresses bound to the
     * version's {@link CallGuard}, not to this arena, and the only segment of it a guest gets, the
     * {@code graft_host} table init receives, is acquired during init alone, which never overlaps
     * close. Should FFM refuse all the same, the library is left mapped with a warning: a leak,
     * never a crash.
     */
    void close() {
        try {
            arena.close();
        } catch (IllegalStateException e) {
            if (arena.scope().isAlive()) {
                LOG.log(Level.WARNING, "{0}: still held ({1}); leaving it mapped", name, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "NativeLibrary[" + name + "]";
    }
}
