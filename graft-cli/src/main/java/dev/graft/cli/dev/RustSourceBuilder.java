package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code rust}: a cargo crate ({@code Cargo.toml}, a {@code cdylib}) becomes a native plugin.
 * Its dependency {@code graft-sdk = "0.1"} is the SDK graft carries (sdk/rust), given to cargo as
 * a patch of crates-io pointing at a copy in the work folder: offline, no registry needed. The
 * target folder stays in the work folder between builds, so cargo rebuilds only what changed.
 * Detected by a {@code Cargo.toml} that does not mention wasm32 (that is kind rust-wasm).
 */
public final class RustSourceBuilder implements SourceBuilder {

    private final ToolchainProbe<String> probe = new ToolchainProbe<>(
            () -> ToolRun.succeeds(List.of("cargo", "--version"), Path.of("."), Map.of()) ? Optional.of("cargo") : Optional.empty());

    @Override
    public String kind() {
        return "rust";
    }

    @Override
    public boolean accepts(Path folder) {
        return RustWasmSourceBuilder.cargoManifest(folder).filter(text -> !text.contains("wasm32")).isPresent();
    }

    @Override
    public Optional<String> missingToolchain() {
        return probe.get().isPresent() ? Optional.empty()
                : Optional.of("cargo not found: install Rust (https://rustup.rs, or apt-get install cargo) to build Rust plugins");
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        Path work = BuildFolder.work(folder, context, kind());
        Path sdk = SdkFiles.copy("rust", work.resolve("graft-sdk"));
        Path target = work.resolve("target");
        ToolRun run = ToolRun.of(List.of("cargo", "build", "--quiet", "--offline",
                "--manifest-path", folder.resolve("Cargo.toml").toString(), "--target-dir", target.toString(),
                "--config", "patch.crates-io.graft-sdk.path=\"" + sdk.toString().replace("\\", "\\\\") + "\""),
                folder, Map.of());
        if (!run.ok()) {
            throw new BuildFailure(run.output());
        }
        return BuildFolder.copyNewest(Files.createDirectories(target.resolve("debug")), ".so", work,
                folder.getFileName().toString());
    }
}
