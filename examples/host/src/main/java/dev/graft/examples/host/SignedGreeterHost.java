package dev.graft.examples.host;

import dev.graft.core.ArtifactSignatureException;
import dev.graft.core.Graft;
import dev.graft.examples.greeter.Counters;
import dev.graft.examples.greeter.Greeter;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A host that loads only plugins signed by its release key: docs/operations.md ("Signed plugins")
 * shows {@link #run}; G2SignedGreeterHostTest runs it on the example jars, signed and tampered.
 *
 * <pre>java -cp ... dev.graft.examples.host.SignedGreeterHost release.pub greeter-v1.jar greeter-v2.jar</pre>
 */
public final class SignedGreeterHost {

    private SignedGreeterHost() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SignedGreeterHost PUBLIC_KEY GREETER_V1_JAR GREETER_V2_JAR");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }

    // docs/operations.md begin
    static void run(Path releaseKey, Path v1, Path v2, PrintStream out) {
        HostCounters counters = new HostCounters();
        try (Graft graft = Graft.builder()
                .trust(releaseKey)                                    // release.pub, as graft keygen wrote it
                .requireSignatures(true)                              // an artifact without a .sig is refused too
                .hostModule(Counters.class, ctx -> counters::counter)
                .grant("greeter", Counters.class)
                .build()) {
            graft.load(v1);                                           // checks greeter-v1.jar.sig on Graft's copy first
            Greeter greeter = graft.contract(Greeter.class);
            try {
                graft.reload("greeter", v2);
            } catch (ArtifactSignatureException e) {                  // unsigned, changed, or another key's
                out.println("refused: " + e.getMessage());            // and version 1 keeps serving
            }
            out.println(greeter.greet("world"));
        }
    }
    // docs/operations.md end
}
