package dev.graft.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A call by name named a contract the plugin does not provide, or a method its contract does not
 * have. The message lists what there is and, when a name is a likely typo of one, asks
 * {@code did you mean `greet`?} as Mun's {@code invoke_fn!} does.
 */
public class UnknownNameException extends InvocationException {

    private final List<String> known;
    private final String closest;

    public UnknownNameException(String pluginId, Path artifact, String what, String found, List<String> known) {
        super(pluginId, artifact, message(what, found, known));
        this.known = List.copyOf(known);
        this.closest = ManifestKeys.closest(found, known).orElse(null);
    }

    private static String message(String what, String found, List<String> known) {
        return "expected " + what + (known.isEmpty() ? " (there is none)" : " (" + String.join(", ", known) + ")")
                + ", found '" + found + "'"
                + ManifestKeys.closest(found, known).map(c -> ": did you mean `" + c + "`?").orElse("");
    }

    /** The names there are. */
    public List<String> known() {
        return known;
    }

    /** The known name the one asked for is most likely a typo of, or null when none is close. */
    public String closest() {
        return closest;
    }
}
