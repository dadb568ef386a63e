package dev.graft.cli.dev;

import dev.graft.core.Graft;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Sessions as the tests start them: on a runtime that knows {@link Tick}, Java plugins compiling against the tests' classes. */
final class DevSessions {

    private DevSessions() {
    }

    /** A runtime serving {@link Tick} (WAT plugins cannot bring its interface along). */
    static Graft graft() {
        return Graft.builder().contract(Tick.class).build();
    }

    /** A session builder on {@code dir} printing and reporting into {@code outcomes}. */
    static DevSession.Builder session(Path dir, Graft graft, Outcomes outcomes) {
        return DevSession.builder(dir, graft).hostClassPath(List.of(testClasses())).console(outcomes.console()).listener(outcomes);
    }

    /** Where {@link Tick} was loaded from: the host class path a Java plugin compiles against. */
    static Path testClasses() {
        try {
            return Path.of(Tick.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code file} as an editor saves: the whole file at once. */
    static void save(Path file, String text) throws IOException {
        java.nio.file.Files.writeString(file, text);
    }
}
