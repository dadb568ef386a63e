package dev.graft.cli.dev;

/**
 * A plugin's sources did not build. The message is the compiler's own output (file:line:column
 * as the compiler gives it), so {@code graft dev} prints it unchanged; the running version keeps
 * serving.
 */
public final class BuildFailure extends Exception {

    public BuildFailure(String compilerOutput) {
        super(compilerOutput);
    }
}
