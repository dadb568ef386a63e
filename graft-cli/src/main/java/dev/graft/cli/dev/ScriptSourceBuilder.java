package dev.graft.cli.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Kinds {@code js} and {@code python}: a folder holding one script plugin (one {@code .js} or
 * {@code .py} file, its manifest in its leading comment, docs/polyglot-plugins.md). There is
 * nothing to compile: graft-polyglot reads the script itself, so a build copies it to a path of
 * its own, and a syntax error is the reload's refusal (the running version keeps serving), not a
 * build failure.
 */
public final class ScriptSourceBuilder implements SourceBuilder {

    private final String kind;
    private final String extension;
    private final String loaderClass;

    private ScriptSourceBuilder(String kind, String extension, String loaderClass) {
        this.kind = kind;
        this.extension = extension;
        this.loaderClass = loaderClass;
    }

    /** JavaScript: one {@code .js} file. */
    public static ScriptSourceBuilder js() {
        return new ScriptSourceBuilder("js", ".js", "dev.graft.polyglot.JsPluginLoader");
    }

    /** Python: one {@code .py} file. */
    public static ScriptSourceBuilder python() {
        return new ScriptSourceBuilder("python", ".py", "dev.graft.polyglot.PythonPluginLoader");
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public boolean accepts(Path folder) {
        try {
            return !BuildFolder.sources(folder, extension).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The script loader comes with graft; a host without graft-polyglot on its class path has none. */
    @Override
    public Optional<String> missingToolchain() {
        try {
            Class.forName(loaderClass, false, ScriptSourceBuilder.class.getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of("graft-polyglot (" + loaderClass + ") is not on the class path: add dev.graft:graft-polyglot"
                    + " to load " + kind + " plugins");
        }
    }

    @Override
    public Path build(Path folder, BuildContext context) throws BuildFailure, IOException {
        List<Path> scripts = BuildFolder.sources(folder, extension);
        if (scripts.size() != 1) {
            throw new BuildFailure("expected one " + extension + " file in " + folder + " (a " + kind
                    + " plugin is one script), found " + scripts.size() + ": "
                    + String.join(", ", scripts.stream().map(s -> folder.relativize(s).toString()).toList()));
        }
        Path work = BuildFolder.work(folder, context, kind);
        return Files.copy(scripts.getFirst(), BuildFolder.nextArtifact(work, folder.getFileName().toString(), extension),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
