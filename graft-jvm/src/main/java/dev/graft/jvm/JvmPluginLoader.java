package dev.graft.jvm;

import dev.graft.core.ContractRef;
import dev.graft.core.ManifestException;
import dev.graft.core.ManifestKeys;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginManifest;
import dev.graft.core.ContractType;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads JVM plugins: a jar carrying {@code META-INF/graft-plugin.properties}, one class loader per
 * plugin version.
 *
 * <pre>
 * id       = greeter
 * version  = 1.0.0
 * provides = example.greeter@1.0
 * provider.example.greeter = com.example.FriendlyGreeter   # the class implementing it
 * main     = com.example.GreeterPlugin                     # optional: a dev.graft.api.Plugin
 * requires = example.clock@1.0                             # optional
 * depends  = base@1.0                                      # optional
 * imports  = graft.log@1.0, example.store@1.2              # optional: host modules, see PluginContext.hostModule
 * state    = com.example.GreeterState                      # optional: a record kept across reloads, see PluginContext.state
 * patches  = discount                                      # optional: the host's patchable functions it patches
 * patch.discount = com.example.HalfPrice                   # the class implementing each one's interface
 * </pre>
 *
 * <p>Found by {@link java.util.ServiceLoader}; the host's types (contracts, graft-api) come from
 * the class loader given here, by default the one that loaded Graft.
 */
public final class JvmPluginLoader implements PluginLoader {

    static final String MAIN = "main";
    static final String PROVIDER = "provider.";
    static final String PATCH = "patch.";
    private static final ManifestKeys KEYS = ManifestKeys.of(MAIN, StateDeclaration.KEY, PROVIDER + "<a provided contract>",
            PATCH + "<a patched function>");

    private final ClassLoader host;

    /** Shares the host's types through the class loader that loaded Graft. */
    public JvmPluginLoader() {
        this(JvmPluginLoader.class.getClassLoader());
    }

    /** Shares the host's types (contracts, graft-api) through {@code host}. */
    public JvmPluginLoader(ClassLoader host) {
        this.host = host;
    }

    @Override
    public String kind() {
        return "jvm";
    }

    @Override
    public boolean accepts(Artifact artifact) {
        if (artifact.name().endsWith(".jar")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(artifact.copy())) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public PluginManifest readManifest(Artifact artifact) {
        String text = JarContents.manifestText(artifact.copy(), artifact.source());
        PluginManifest manifest = ManifestParser.parse(text, artifact.source(), JarContents.MANIFEST, KEYS);
        checkClassKeys(manifest, artifact, text, PROVIDER, "provides", "<contract>", "contracts in provides",
                manifest.provides().stream().map(ContractRef::name).toList());
        checkClassKeys(manifest, artifact, text, PATCH, "patches", "<function>", "functions in patches", manifest.patches());
        StateDeclaration.check(manifest, artifact.source(), ManifestParser.lineOf(text, StateDeclaration.KEY));
        return manifest;
    }

    /**
     * The link checks of {@link #prepare} that run none of the plugin's code (classes loaded, not
     * initialised; nothing constructed), and each contract's methods as the host's interface has them.
     */
    @Override
    public ArtifactDescription describe(Artifact artifact, PluginManifest manifest,
                                        Function<ContractRef, Optional<ContractType<?>>> contracts,
                                        Function<String, Optional<PatchableType>> patchables) {
        JarContents jar = JarContents.read(artifact.copy(), artifact.source());
        PluginClassLoader loader = new PluginClassLoader("graft-inspect:" + manifest, jar, host);
        return new ArtifactDescription(JvmPlugin.describe(manifest, artifact, loader, null, patchables), Map.of(),
                manifest.attributes().get(StateDeclaration.KEY));
    }

    /**
     * A family of keys naming one class per entry of a list ({@code provider.<contract>} for
     * provides, {@code patch.<function>} for patches): a key for each entry, and none for others.
     */
    private static void checkClassKeys(PluginManifest manifest, Artifact artifact, String text, String prefix, String listKey,
                                       String placeholder, String entries, List<String> names) {
        List<String> keys = names.stream().map(n -> prefix + n).toList();
        for (String key : manifest.attributes().keySet()) {
            if (key.startsWith(prefix) && !keys.contains(key)) {
                throw new ManifestException(manifest.id(), artifact.source(), JarContents.MANIFEST, ManifestParser.lineOf(text, key),
                        "expected " + prefix + placeholder + " keys only for " + entries + " ("
                                + (keys.isEmpty() ? "it names none" : String.join(", ", keys)) + "), found "
                                + ManifestKeys.unknownKey(key, keys));
            }
        }
        for (String key : keys) {
            String className = manifest.attributes().get(key);
            if (className == null || className.isBlank()) {
                throw new ManifestException(manifest.id(), artifact.source(), JarContents.MANIFEST,
                        ManifestParser.lineOf(text, listKey), "expected a key '" + key + " = <class>' naming the class that implements "
                                + (prefix.equals(PROVIDER) ? manifest.provides().get(keys.indexOf(key)) : "patchable function '"
                                + key.substring(prefix.length()) + "'") + ", found none");
            }
        }
    }

    @Override
    public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
        JarContents jar = JarContents.read(artifact.copy(), artifact.source());
        PluginClassLoader loader = new PluginClassLoader("graft:" + link.versionLabel(), jar, host);
        return JvmPlugin.link(manifest, artifact, loader, link);
    }
}
