package dev.graft.bench;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.Map;

/**
 * A Graft runtime serving the benchmark plugin, set up outside the measured methods: the jars
 * written, version 1 loaded, the contract proxy taken once (as hosts are told to).
 */
final class CounterRuntime implements AutoCloseable {

    private final CounterJars jars;
    private final Graft graft;
    private final Counter counter;
    private boolean secondRunning; // touched by one reloading thread only

    private CounterRuntime(CounterJars jars, Graft graft) {
        this.jars = jars;
        this.graft = graft;
        this.counter = graft.contract(Counter.class);
    }

    /** Loads version 1; when {@code drained}, a version whose calls the runtime counts. */
    static CounterRuntime open(boolean drained) {
        return open(CounterJars.write(drained));
    }

    /** Loads version 1 of a plugin whose jars carry the {@code bundled} entries too. */
    static CounterRuntime openBundling(Map<String, byte[]> bundled) {
        return open(CounterJars.write(false, bundled));
    }

    /**
     * The same, with both jars signed by a key made here, in a runtime that trusts that key and
     * requires signatures: every reload checks the jar's Ed25519 signature first.
     */
    static CounterRuntime openSigned(Map<String, byte[]> bundled) {
        CounterJars jars = CounterJars.write(false, bundled);
        KeyPair keys = Ed25519Keys.generate();
        ArtifactSigner signer = new ArtifactSigner(keys.getPrivate());
        try {
            signer.sign(jars.first());
            signer.sign(jars.second());
        } catch (IOException e) {
            jars.close();
            throw new UncheckedIOException(e);
        }
        return open(jars, Graft.builder().trust(keys.getPublic()).requireSignatures(true));
    }

    private static CounterRuntime open(CounterJars jars) {
        return open(jars, Graft.builder());
    }

    private static CounterRuntime open(CounterJars jars, GraftBuilder builder) {
        try {
            Graft graft = builder.build();
            graft.load(jars.first());
            return new CounterRuntime(jars, graft);
        } catch (RuntimeException e) {
            jars.close();
            throw e;
        }
    }

    /** The contract proxy: every call reaches the live version. */
    Counter counter() {
        return counter;
    }

    /** The runtime, for what goes through it rather than through the proxy (calls by name). */
    Graft graft() {
        return graft;
    }

    /** Reloads the plugin with the version that is not running now: 2 after 1, 1 after 2. */
    void reloadOther() {
        secondRunning = !secondRunning;
        graft.reload(CounterJars.PLUGIN_ID, secondRunning ? jars.second() : jars.first());
    }

    @Override
    public void close() {
        try {
            graft.close();
        } finally {
            jars.close();
        }
    }
}
