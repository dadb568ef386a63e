package dev.graft.polyglot;

import dev.graft.core.ManifestException;
import java.nio.file.Path;

/**
 * Finds a script plugin's manifest: a comment block at the very start of the file (after an
 * optional {@code #!} line), holding the same {@code key = value} lines as every kind's manifest.
 *
 * <pre>
 * JavaScript                          Python
 * /* graft.manifest                   # graft.manifest
 * id       = greeter                  # id       = greeter
 * version  = 1.0.0                    # version  = 1.0.0
 * provides = example.greeter@1.0      # provides = example.greeter@1.0
 * *&#47;                                  (ends at the first line not starting with #)
 * </pre>
 *
 * <p>In JavaScript a line inside the block may start with {@code *} (a JSDoc-style block), which is
 * dropped. Why a comment and not a file beside the script: one file is the whole plugin, the
 * script stays valid in its language, and a reload cannot pair a new script with an old manifest.
 * The text handed to the parser keeps one line per source line, so the parser's line numbers are
 * the file's.
 */
final class ManifestComment {

    static final String MARKER = "graft.manifest";

    private ManifestComment() {
    }

    /** Where the manifest lives, for the parser's messages. */
    static String where(Language language) {
        return language == Language.JS ? "the /* " + MARKER + " */ comment" : "the # " + MARKER + " comment";
    }

    /**
     * The manifest text, one line per source line (lines before the block are blank).
     *
     * @throws ManifestException naming the artifact and what was expected and found
     */
    static String read(String source, Language language, Path artifact) {
        String[] lines = source.split("\r?\n", -1);
        int first = 0;
        if (lines.length > 0 && lines[0].startsWith("#!")) {
            first = 1;
        }
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        String opening = language == Language.JS ? "/* " + MARKER : "# " + MARKER;
        if (first >= lines.length || !lines[first].strip().replaceAll("\\s+", " ").equals(opening)) {
            String found = first >= lines.length ? "an empty file" : "'" + abbreviate(lines[first].strip()) + "'";
            throw new ManifestException(null, artifact, where(language), first + 1,
                    "expected the file to start with a manifest comment opened by '" + opening + "', found " + found);
        }
        StringBuilder text = new StringBuilder("\n".repeat(first + 1));
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i];
            if (language == Language.JS) {
                String stripped = line.strip();
                if (stripped.startsWith("*/")) {
                    return text.toString();
                }
                if (stripped.contains("*/")) {
                    throw new ManifestException(null, artifact, where(language), i + 1,
                            "expected '*/' on a line of its own, found '" + abbreviate(stripped) + "'");
                }
                text.append(stripped.startsWith("*") ? stripped.substring(1) : line).append('\n');
            } else {
                if (!line.startsWith("#")) {
                    return text.toString();
                }
                text.append(line.substring(1)).append('\n');
            }
        }
        if (language == Language.JS) {
            throw new ManifestException(null, artifact, where(language), first + 1,
                    "expected the manifest comment to be closed by '*/', found the end of the file");
        }
        return text.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
