package dev.graft.polyglot;

/**
 * A guest language: its GraalVM language id, its plugins' file extension, and how its source
 * carries the manifest (a leading comment block, {@link ManifestComment}).
 */
public enum Language {

    /** JavaScript (GraalJS): one {@code .js} file, the manifest in a leading {@code /* graft.manifest ... *}{@code /} block. */
    JS("js", "JavaScript", ".js"),
    /** Python (GraalPy): one {@code .py} file, the manifest in a leading block of {@code #} lines opened by {@code # graft.manifest}. */
    PYTHON("python", "Python", ".py");

    private final String id;
    private final String displayName;
    private final String extension;

    Language(String id, String displayName, String extension) {
        this.id = id;
        this.displayName = displayName;
        this.extension = extension;
    }

    /** GraalVM's language id: {@code js}, {@code python}; also the loader's kind. */
    public String id() {
        return id;
    }

    /** For messages: {@code JavaScript}, {@code Python}. */
    public String displayName() {
        return displayName;
    }

    /** The plugin file's extension, with its dot. */
    public String extension() {
        return extension;
    }
}
