package dev.graft.wasm.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Native tools the C guest tests run where they are installed (clang, wasm-ld): skipped, not failed, elsewhere. */
public final class Toolchain {

    private Toolchain() {
    }

    /** Whether clang and wasm-ld are installed, so C guests can be built for wasm32. */
    public static boolean hasClang() {
        return succeeds("clang", "--version") && succeeds("wasm-ld", "--version");
    }

    public static boolean succeeds(String... command) {
        try {
            return run(command) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command, its output on the test's (a compiler's errors show in the report); its exit code, -1 after two minutes. */
    public static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
