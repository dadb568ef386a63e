package dev.graft.cli.demo;

import dev.graft.core.sign.Ed25519Keys;
import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's plugin artifacts. They travel inside graft-cli.jar as resources under {@code demo/}
 * (the build copies the JVM jars there, and unpacks the native libraries from
 * example-greeter-native's jar and the wasm modules from example-greeter-wasm's); Graft loads
 * files, so they are copied out to a temporary folder, deleted again on {@link #close}.
 *
 * <p>The build signs them with a key it makes for the purpose (graft-cli's pom, {@code graft keygen}
 * and {@code graft sign}): each artifact travels with its signature file, {@code NAME.sig}, and the
 * public key as {@code demo/graft-demo.pub}; the demo's host requires signatures by that key.
 */
public final class DemoArtifacts implements AutoCloseable {

    private static final String FOLDER = "demo/";
    private static final String PUBLIC_KEY = "graft-demo.pub";

    private final Path directory;

    private DemoArtifacts(Path directory) {
        this.directory = directory;
    }

    /** A fresh temporary folder to copy artifacts into. */
    public static DemoArtifacts extract() throws IOException {
        return new DemoArtifacts(Files.createTempDirectory("graft-demo-"));
    }

    /** Copies the embedded artifact {@code demo/NAME} and its signature {@code NAME.sig} out, and returns the artifact's copy. */
    public Path extract(String name) {
        copyOut(SignatureFile.of(Path.of(name)).toString());
        return copyOut(name);
    }

    /** The public key the build signed the demo's artifacts with. */
    public PublicKey signedBy() {
        return Ed25519Keys.readPublic(copyOut(PUBLIC_KEY));
    }

    private Path copyOut(String name) {
        Path file = directory.resolve(name);
        try (InputStream in = DemoArtifacts.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("expected the demo artifact " + FOLDER + name
                        + " inside graft-cli's jar, found none; rebuild it: ./mvnw package -pl graft-cli -am");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + FOLDER + name + " to " + file, e);
        }
        return file;
    }

    /** The folder the artifacts are copied to. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
