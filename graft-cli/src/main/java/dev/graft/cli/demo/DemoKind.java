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
 */
public record DemoKind(String name, String pluginId, Path first, Answers firstAnswers, Path second, Answers secondAnswers,
                       PublicKey signedBy) {
}
