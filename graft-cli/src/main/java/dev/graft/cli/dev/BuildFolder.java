package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the C and Rust builders share about one plugin folder: its sources, its work folder under
 * the dev session's output folder, the contract headers generated there, and a fresh artifact
 * path per build.
 */
final class BuildFolder {

    private BuildFolder() {
    }

    /** The work folder of {@code folder}'s builds of one kind: {@code OUTPUT/FOLDER-NAME.KIND}. */
    static Path work(Path folder, BuildContext context, String kind) throws IOException {
        return Files.createDirectories(context.outputDir().resolve(folder.getFileName() + "." + kind));
    }

    /**
     * A new, empty artifact file in {@code work}: a native library must be loaded from a path no
     * earlier version used (dlopen of a path already loaded returns the old image), and a wasm
     * module gets the same for uniformity.
     */
    static Path nextArtifact(Path work, String stem, String extension) throws IOException {
        return Files.createTempFile(work, stem + "-", extension);
    }

    /** The sources of {@code folder} whose names end with {@code extension}: {@link SourceFiles}' one rule, as the watcher's. */
    static List<Path> sources(Path folder, String extension) throws IOException {
        return SourceFiles.find(folder, extension);
    }

    /** Whether any source of {@code folder} ending with {@code extension} mentions {@code text} (an include). */
    static boolean anySourceMentions(Path folder, String extension, String text) {
        try {
            for (Path source : sources(folder, extension)) {
                if (Files.readString(source).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) { // a folder being deleted or unreadable: not this kind's
            return false;
        }
    }

    /**
     * Writes the header of each of the host's contracts into {@code include}, as
     * {@code graft bindgen} would ({@code bindgen} is {@code CBindgen::header} or
     * {@code WasmBindgen::cHeader}): at every build, so a changed contract flows into the next
     * build. A contract the kind cannot serve gets no header (a plugin does not provide it).
     */
    static Path writeHeaders(List<Class<?>> contracts, Function<Class<?>, String> bindgen, Path include) throws IOException {
        Files.createDirectories(include);
        for (Class<?> contract : contracts) {
            String header;
            try {
                header = bindgen.apply(contract);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Path file = include.resolve(ContractStubs.prefix(contract) + ".h");
            if (!Files.exists(file) || !Files.readString(file).equals(header)) {
                Files.writeString(file, header);
            }
        }
        return include;
    }

    /** gcc's and clang's words for an {@code #include} not found: {@code fatal error: x.h: No such file}, {@code 'x.h' file not found}. */
    private static final Pattern MISSING_HEADER =
            Pattern.compile("fatal error: '?([A-Za-z0-9_]+\\.h)'?(?:: No such file or directory| file not found)");

    /**
     * Runs a compiler {@code command} in {@code folder} on the folder's {@code .c} sources (named
     * relative to the folder, so that messages name them as the user sees them: calc.c:5:12) and
     * returns {@code artifact}, which the command writes.
     *
     * @param include the folder of the contract headers written for this build: a header the
     *     sources include and that is not there is most often a contract the host did not register
     * @throws BuildFailure with the compiler's output when it fails (the artifact is then removed),
     *     and a hint when a missing header may be an unregistered contract's
     */
    static Path compileC(List<String> command, Path folder, Path artifact, Path include) throws BuildFailure, IOException {
        List<String> withSources = new ArrayList<>(command);
        sources(folder, ".c").forEach(source -> withSources.add(folder.relativize(source).toString()));
        ToolRun run = ToolRun.of(withSources, folder, Map.of());
        if (!run.ok()) {
            Files.deleteIfExists(artifact);
            throw new BuildFailure(run.output() + missingContractHint(run.output(), include));
        }
        return artifact;
    }

    /** The hint for a missing header named as a contract's would be, or nothing. */
    private static String missingContractHint(String output, Path include) throws IOException {
        Matcher missing = MISSING_HEADER.matcher(output);
        if (!missing.find() || Files.exists(include.resolve(missing.group(1)))) {
            return "";
        }
        List<String> written;
        try (Stream<Path> files = Files.list(include)) {
            written = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        String text = output.endsWith("\n") ? "" : "\n";
        return text + "graft dev: " + missing.group(1) + " is not a header graft dev wrote: it writes one per contract the host"
                + " registers (pass --contract CLASS; a contract acme.pricing is acme_pricing.h), and wrote "
                + (written.isEmpty() ? "none" : String.join(", ", written)) + "\n";
    }

    /**
     * Copies what cargo built, the newest {@code .EXTENSION} file of {@code built}, to a fresh
     * artifact path in {@code work}: cargo writes the same path at every build.
     */
    static Path copyNewest(Path built, String extension, Path work, String stem) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(built)) {
            newest = files.filter(f -> f.getFileName().toString().endsWith(extension))
                    .max(Comparator.comparing(BuildFolder::modified))
                    .orElseThrow(() -> new IOException("expected cargo to write a " + extension + " file into " + built
                            + ", found none: is the crate a cdylib ([lib] crate-type = [\"cdylib\"])?"));
        }
        return Files.copy(newest, nextArtifact(work, stem, extension), StandardCopyOption.REPLACE_EXISTING);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
