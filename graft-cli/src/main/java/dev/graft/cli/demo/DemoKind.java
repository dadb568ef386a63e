package dev.graft.cli.demo;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * One plugin kind the demo exercises: two builds of one plugin that provides the greeter contract,
 * and what each build answers.
 *
 * @param name    the kind, as the summary line prints it ({@code jvm}, {@code native}, {@code wasm})
 * @param pluginId the plugin's id in both artifacts
 * @param first   the artifact loaded first (version 1)
 * @param second  the artifact the demo reloads to, alternating with {@code first}
 * @param signedBy the key both artifacts are signed with: the demo's host trusts it and requires signatures
 * @param keepsState whether the kind's plugins keep state across reloads (the JavaScript and Python
 *                   loaders do not yet): only then does the demo check the plugin's own count
 */
public record DemoKind(String name, String pluginId, Path first, Answers firstAnswers, Path second, Answers secondAnswers,
                       PublicKey signedBy, boolean keepsState) {

    /** A kind whose plugins keep state. */
    public DemoKind(String name, String pluginId, Path first, Answers firstAnswers, Path second, Answers secondAnswers,
                    PublicKey signedBy) {
        this(name, pluginId, first, firstAnswers, second, secondAnswers, signedBy, true);
    }
}
