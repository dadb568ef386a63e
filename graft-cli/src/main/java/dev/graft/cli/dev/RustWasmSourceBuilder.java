package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code rust-wasm}: a crate whose {@code Cargo.toml} mentions wasm32 becomes a wasm plugin
 * for {@code wasm32-unknown-unknown} ({@code no_std}, no crates; the manifest in the
 * {@code graft.manifest} link section). Not every rustc has that target (rustup's needs
 * {@code rustup target add}, Debian's has it with libstd-rust-dev-wasm32), so the probe tries, as
 * examples/greeter-wasm/src/main/rust/build.sh does, {@code $RUSTC}, {@code rustc} and
 * {@code /usr/bin/rustc} on a tiny module; then a cargo that works with that rustc
 * ({@code $CARGO}, {@code cargo}, the one beside the rustc). With such a cargo the crate is built
 * by cargo (its target folder kept between builds); without, by that rustc directly from
 * {@code src/lib.rs}.
 */
public final class RustWasmSourceBuilder implements SourceBuilder {

    static final String TARGET = "wasm32-unknown-unknown";

    private static final String PROBE = """
            #![no_std]
            #[panic_handler]
            fn p(_: &core::panic::PanicInfo) -> ! { loop {} }
            #[no_mangle]
            pub extern "C" fn f() -> i32 { 1 }
            """;

    /** The rustc that has the target, and the cargo that builds with it, if any. */
    record Toolchain(String rustc, Optional<String> cargo) {
    }

    private final ToolchainProbe<Toolchain> probe = new ToolchainProbe<>(RustWasmSourceBuilder::probe);

    /** The text of the folder's Cargo.toml, if it has one. */
    static Optional<String> cargoManifest(Path folder) {
        try {
            Path manifest = folder.resolve("Cargo.toml");
            return Files.isRegularFile(manifest) ? Optional.of(Files.readString(manifest)) : Optional.empty();
        } catch (IOException e) { // being deleted: not a crate now
            return Optional.empty();
        }
    }

    private static Optional<Toolchain> probe() {
        return ToolchainProbe.inScratchFolder(dir -> {
            try {
                Files.createDirectories(dir.resolve("src"));
                Files.writeString(dir.resolve("src/lib.rs"), PROBE);
                Files.writeString(dir.resolve("Cargo.toml"), """
                        [package]
                        name = "probe"
                        version = "0.1.0"
                        edition = "2021"
                        [lib]
                        crate-type = ["cdylib"]
                        [profile.release]
                        panic = "abort"
                        """);
            } catch (IOException e) {
                return Optional.empty();
            }
            for (String rustc : candidates(System.getenv("RUSTC"), "rustc", "/usr/bin/rustc")) {
                if (ToolRun.succeeds(List.of(rustc, "--target", TARGET, "--crate-type", "cdylib", "-o", "probe.wasm",
                        "src/lib.rs"), dir, Map.of())) {
                    String sibling = rustc.contains("/") ? Path.of(rustc).resolveSibling("cargo").toString() : null;
                    for (String cargo : candidates(System.getenv("CARGO"), "cargo", sibling)) {
                        if (ToolRun.succeeds(List.of(cargo, "build", "--quiet", "--offline", "--release", "--target", TARGET,
                                "--target-dir", "target"), dir, Map.of("RUSTC", rustc))) {
                            return Optional.of(new Toolchain(rustc, Optional.of(cargo)));
                        }
                    }
                    return Optional.of(new Toolchain(rustc, Optional.empty()));
                }
            }
            return Optional.empty();
        });
    }

    private static List<String> candidates(String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank() && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public String kind() {
        return "rust-wasm";
    }

    @Override
    public boolean accepts(Path folder) {
        return cargoManifest(folder).filter(text -> text.contains("wasm32")).isPresent();
    }

    @Override
    public Optional<String> missingToolchain() {
        return probe.get().isPresent() ? Optional.empty()
                : Optional.of("no rustc with the " + TARGET + " target (tried $RUSTC, rustc, /usr/bin/rustc): install it"
                        + " (rustup target add " + TARGET + ", or apt-get install rustc libstd-rust-dev-wasm32)"
                        + " to build Rust plugins for wasm");
    }

    /** The toolchain the probe found; empty if none (then {@link #missingToolchain()} says why). */
    Optional<Toolchain> toolchain() {
        return probe.get();
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        Toolchain toolchain = probe.get().orElseThrow(() -> new IOException(missingToolchain().orElseThrow()));
        Path work = BuildFolder.work(folder, context, kind());
        String stem = folder.getFileName().toString();
        if (toolchain.cargo().isPresent()) {
            Path target = work.resolve("target");
            ToolRun run = ToolRun.of(List.of(toolchain.cargo().get(), "build", "--quiet", "--offline", "--release",
                    "--target", TARGET, "--manifest-path", folder.resolve("Cargo.toml").toString(),
                    "--target-dir", target.toString()), folder, Map.of("RUSTC", toolchain.rustc()));
            if (!run.ok()) {
                throw new BuildFailure(run.output());
            }
            return BuildFolder.copyNewest(Files.createDirectories(target.resolve(TARGET).resolve("release")), ".wasm", work, stem);
        }
        Path module = BuildFolder.nextArtifact(work, stem, ".wasm");
        ToolRun run = ToolRun.of(List.of(toolchain.rustc(), "--target", TARGET, "--crate-type", "cdylib", "--edition", "2021",
                "-C", "opt-level=s", "-C", "panic=abort", "-o", module.toString(), "src/lib.rs"), folder, Map.of());
        if (!run.ok()) {
            Files.deleteIfExists(module);
            throw new BuildFailure(run.output());
        }
        return module;
    }
}
