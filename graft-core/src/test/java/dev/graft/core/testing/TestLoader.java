package dev.graft.core.testing;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.ManifestKeys;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginManifest;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin kind for testing the core without class loading: a {@code .testplugin} artifact is a
 * manifest in the core's text form plus a few attributes ({@link TestPlugin}) that say how its
 * version behaves. Its implementations answer any contract interface with {@code answer()} and
 * {@code next(int)} methods, such as {@link Echo}.
 *
 * <p>One instance per runtime under test: it keeps the {@link Journal} of what its versions went
 * through and the {@link Gate}s their calls wait at.
 */
public final class TestLoader implements PluginLoader {

    public static final String KIND = "test";
    public static final String EXTENSION = ".testplugin";
    static final String WHERE = "test manifest";

    private final Map<String, Class<?>> contracts; // by contract name
    private final Journal journal = new Journal();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, LinkContext> links = new ConcurrentHashMap<>(); // by version label

    /** A loader that knows the test contracts {@link Echo}, {@link Mirror} and {@link Relay}. */
    public TestLoader() {
        this(Echo.class, Mirror.class, Relay.class);
    }

    /**
     * A loader that knows these contract interfaces (besides those the host registered), so a
     * manifest may provide them by name.
     */
    public TestLoader(Class<?>... contractTypes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : contractTypes) {
            byName.put(ContractType.of(type).name(), type);
        }
        this.contracts = java.util.Collections.unmodifiableMap(byName);
    }

    public Journal journal() {
        return journal;
    }

    /**
     * What the core handed the version of this label while it was prepared: its host modules,
     * its handles, its plugin context. Lets a test act as the version's guest.
     *
     * @throws AssertionError if no version of that label was prepared
     */
    public LinkContext link(String label) {
        LinkContext link = links.get(label);
        if (link == null) {
            throw new AssertionError("expected a version labelled " + label + " prepared by this loader, found only " + links.keySet());
        }
        return link;
    }

    /** The gate of this name, made (open) on first use. */
    public Gate gate(String name) {
        return gates.computeIfAbsent(name, n -> new Gate());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean accepts(Artifact artifact) {
        return artifact.name().endsWith(EXTENSION);
    }

    @Override
    public PluginManifest readManifest(Artifact artifact) {
        String text;
        try {
            text = Files.readString(artifact.copy());
        } catch (IOException e) {
            throw new InvalidArtifactException(null, artifact.source(), "expected a UTF-8 text file, found it unreadable: " + e, e);
        }
        PluginManifest manifest = ManifestParser.parse(text, artifact.source(), WHERE,
                new ManifestKeys(TestPlugin.ATTRIBUTES.stream().sorted().toList()));
        String fail = manifest.attributes().get(TestPlugin.FAIL);
        if (fail != null && !TestPlugin.FAILING_STEPS.contains(fail)) {
            throw new ManifestException(manifest.id(), artifact.source(), WHERE, ManifestParser.lineOf(text, TestPlugin.FAIL),
                    "expected fail to name one of " + TestPlugin.FAILING_STEPS + ", found '" + fail + "'");
        }
        return manifest;
    }

    @Override
    public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
        String gateName = manifest.attributes().get(TestPlugin.GATE);
        TestPluginVersion version = new TestPluginVersion(manifest, link.versionLabel(), journal,
                gateName == null ? null : gate(gateName), link.handles());
        links.put(link.versionLabel(), link);
        journal.add("prepare", manifest.id(), link.versionLabel(), 0);
        if (version.fails("prepare")) {
            // like a loader tripping over a bug: the core must turn this into a typed exception
            throw new IllegalStateException("test plugin " + link.versionLabel() + " fails in prepare, as its manifest asks");
        }
        for (ContractRef provided : manifest.provides()) {
            version.provide(contractType(provided, manifest, artifact, link));
        }
        for (String function : manifest.patches()) {
            version.patch(link.patchable(function).orElseThrow(), "true".equals(manifest.attributes().get(TestPlugin.PATCH_WRONG)));
        }
        for (ContractRef required : manifest.requires()) {
            version.require(contractType(required, manifest, artifact, link), link.pluginContext());
        }
        return version;
    }

    /** The host's interface for a contract if the host knows it, else one this loader was given. */
    private ContractType<?> contractType(ContractRef ref, PluginManifest manifest, Artifact artifact, LinkContext link) {
        return link.contract(ref).or(() -> Optional.ofNullable(contracts.get(ref.name())).map(ContractType::of))
                .orElseThrow(() -> new ContractMismatchException(manifest.id(), artifact.source(), "expected a contract interface for "
                        + ref + " known to the host or the test loader, found only " + contracts.keySet()));
    }
}
