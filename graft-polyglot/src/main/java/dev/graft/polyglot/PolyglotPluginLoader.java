package dev.graft.polyglot;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.ContractRef;
import dev.graft.core.ContractType;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestKeys;
import dev.graft.core.ManifestParser;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginManifest;
import dev.graft.core.PluginStartException;
import dev.graft.core.StateDeclarationException;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.LinkedHostModule;
import dev.graft.core.state.StateField;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateText;
import dev.graft.core.spi.Artifact;
import dev.graft.core.spi.ArtifactDescription;
import dev.graft.core.spi.LinkContext;
import dev.graft.core.spi.PluginLoader;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.spi.Provision;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.List;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Loads JavaScript or Python plugins: one {@code .js} or {@code .py} file that carries its
 * manifest in a leading comment ({@link ManifestComment}), run by GraalVM Polyglot in sandboxed
 * contexts on a shared engine ({@link Engines}, {@link GuestProgram}).
 *
 * <p>Preparing a version: read the manifest and the source; make and evaluate the version's first
 * context (a syntax error or a top level that throws refuses the version); link every contract
 * method against the function of the same name the top level defined (exists, callable, arity;
 * Mun-style messages); generate a provider per contract. Only then does the core publish it. A
 * reload does all this off to the side, and the core closes the old version's contexts once its
 * successor is published (calls in flight close theirs when they return). See
 * docs/polyglot-plugins.md.
 *
 * <p>One loader per language: {@link JsPluginLoader} ({@code kind() = "js"}) and
 * {@link PythonPluginLoader} ({@code "python"}), found by {@link java.util.ServiceLoader} with
 * {@link PolyglotSettings#defaults()}; give the builder one made with other settings.
 */
public abstract class PolyglotPluginLoader implements PluginLoader {

    /** The manifest's state declaration: {@code state = greetings: i64; last: str}. */
    static final String STATE = "state";
    private static final ManifestKeys KEYS = ManifestKeys.of(STATE);

    /** The global through which a guest reaches its state. */
    static final String GRAFT_STATE = "graft_state";

    private final Language language;
    private final PolyglotSettings settings;
    private final Consumer<? super PolyglotPlugin> observer;

    PolyglotPluginLoader(Language language, PolyglotSettings settings, Consumer<? super PolyglotPlugin> observer) {
        this.language = language;
        this.settings = settings;
        this.observer = observer;
    }

    /** The language this loader runs. */
    public Language language() {
        return language;
    }

    /** What its plugins run under. */
    public PolyglotSettings settings() {
        return settings;
    }

    @Override
    public String kind() {
        return language.id();
    }

    @Override
    public boolean accepts(Artifact artifact) {
        return artifact.name().endsWith(language.extension());
    }

    @Override
    public PluginManifest readManifest(Artifact artifact) {
        String text = ManifestComment.read(read(artifact), language, artifact.source());
        PluginManifest manifest = ManifestParser.parse(text, artifact.source(), ManifestComment.where(language), KEYS);
        stateShape(manifest, text, artifact.source()); // refuse a bad declaration before anything is loaded
        return manifest;
    }

    /**
     * The state the manifest declares, or null.
     *
     * @throws StateDeclarationException naming plugin, artifact and the manifest line, what was expected and found
     */
    private StateShape stateShape(PluginManifest manifest, String manifestText, Path source) {
        String text = manifest.attributes().get(STATE);
        if (text == null) {
            return null;
        }
        int line = ManifestParser.lineOf(manifestText, STATE);
        String where = ManifestComment.where(language) + (line > 0 ? " line " + line : "") + ", entry '" + STATE + "'";
        StateShape shape;
        try {
            shape = StateText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StateDeclarationException(manifest.id(), source, where, e.getMessage());
        }
        for (StateField field : shape.fields()) {
            if (!StateConversion.supported(field.type())) {
                throw new StateDeclarationException(manifest.id(), source, where, "expected fields of numbers, bool, str, "
                        + "bytes, enums or structs of these (a script's state holds no list, set or map), found "
                        + field.name() + ": " + field.type());
            }
        }
        return shape;
    }

    @Override
    public PreparedPlugin prepare(Artifact artifact, PluginManifest manifest, LinkContext link) {
        Path path = artifact.source();
        String id = manifest.id();
        String code = read(artifact);
        StateShape shape = stateShape(manifest, ManifestComment.read(code, language, path), path);
        ScriptState state = shape == null ? null : new ScriptState(shape);
        List<List<Method>> methods = new ArrayList<>();
        List<ContractType<?>> contracts = new ArrayList<>();
        for (ContractRef provided : manifest.provides()) {
            ContractType<?> contract = link.contract(provided)
                    .orElseThrow(() -> ContractMismatchException.unknownContract(id, path, provided));
            contracts.add(contract);
            methods.add(methods(contract, id, path));
        }
        Source source = Source.newBuilder(language.id(), code, artifact.name()).buildLiteral();
        Map<String, Object> globals = new LinkedHashMap<>();
        for (LinkedHostModule module : link.hostModules()) {
            globals.put(HostModuleObject.globalName(module), HostModuleObject.of(module));
        }
        if (state != null) {
            globals.put(GRAFT_STATE, new StateObject(state));
        }
        GuestSource guest = new GuestSource(language, Engines.of(language), source, globals, settings.topLevelTimeout());
        Context first = evaluate(guest, id, path);
        try {
            // link: every abstract method to a function of its name; a default method only if the guest defines one
            List<FunctionBinding> bindings = new ArrayList<>();
            List<List<Method>> bound = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (List<Method> contractMethods : methods) {
                List<Method> mine = new ArrayList<>();
                for (Method method : contractMethods) {
                    Value member = GuestSource.member(first, language, method.getName());
                    if (method.isDefault() && member == null) {
                        continue;
                    }
                    FunctionBinding binding = FunctionBinding.of(method);
                    binding.check(language, member, artifact.name(), problems);
                    bindings.add(binding);
                    mine.add(method);
                }
                bound.add(mine);
            }
            if (!problems.isEmpty()) {
                throw new PluginLinkException(id, path, String.join("; ", problems));
            }
            GuestProgram program = new GuestProgram(guest, id, link.versionLabel(), bindings.toArray(FunctionBinding[]::new),
                    settings.callTimeout());
            ContextPool pool = new ContextPool(program, settings.maxContexts(), state != null); // with state, one context
            pool.first(program.adopt(first));
            GuestFunctions functions = new GuestFunctions(pool);
            List<Provision> provisions = new ArrayList<>();
            int base = 0;
            for (int i = 0; i < contracts.size(); i++) {
                ContractType<?> contract = contracts.get(i);
                provisions.add(new Provision(contract, ProviderGenerator.create(contract.type(), bound.get(i), functions, base,
                        language.displayName() + " provider of " + contract + " from " + link.versionLabel())));
                base += bound.get(i).size();
            }
            Watchdog.watch(pool);
            PolyglotPlugin plugin = new PolyglotPlugin(link.versionLabel(), pool, provisions, state, !link.hostModules().isEmpty());
            observer.accept(plugin);
            return plugin;
        } catch (RuntimeException | Error e) {
            first.close(true);
            throw e;
        }
    }

    /**
     * The checks of {@link #prepare} that run none of the script: the manifest's state declaration,
     * each provided contract known to the host and of types a script exchanges; each contract's
     * functions as they would link ({@code fn greet(String) -> String}; default methods only bind
     * if the script defines them, which only running it tells, so they are listed as optional).
     */
    @Override
    public ArtifactDescription describe(Artifact artifact, PluginManifest manifest,
                                        Function<ContractRef, Optional<ContractType<?>>> contracts,
                                        Function<String, Optional<PatchableType>> patchables) {
        Path path = artifact.source();
        String code = read(artifact);
        stateShape(manifest, ManifestComment.read(code, language, path), path);
        Map<String, List<String>> functions = new LinkedHashMap<>();
        for (ContractRef provided : manifest.provides()) {
            ContractType<?> contract = contracts.apply(provided)
                    .orElseThrow(() -> ContractMismatchException.unknownContract(manifest.id(), path, provided));
            functions.put(provided.toString(), methods(contract, manifest.id(), path).stream()
                    .map(m -> FunctionBinding.of(m).expected() + (m.isDefault() ? " (optional: a default method)" : ""))
                    .toList());
        }
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("max-contexts", manifest.attributes().containsKey(STATE) ? "1 (it declares state)"
                : String.valueOf(settings.maxContexts()));
        limits.put("call-timeout-ms", String.valueOf(settings.callTimeout().toMillis()));
        limits.put("top-level-timeout-ms", String.valueOf(settings.topLevelTimeout().toMillis()));
        return new ArtifactDescription(functions, limits, manifest.attributes().get(STATE));
    }

    /** The contract's methods a guest binds, by name; each of a type the mapping carries, no overloads. */
    private static List<Method> methods(ContractType<?> contract, String id, Path path) {
        Method[] all = contract.type().getMethods();
        Arrays.sort(all, Comparator.comparing(Method::getName).thenComparing(Method::toString));
        List<Method> methods = new ArrayList<>();
        for (Method method : all) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (!methods.isEmpty() && methods.getLast().getName().equals(method.getName())) {
                throw new PluginLinkException(id, path, "expected one method per name in contract " + contract
                        + " (a guest function has one name), found overloads of " + method.getName());
            }
            List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
            types.add(method.getReturnType());
            for (int i = 0; i < types.size(); i++) {
                Class<?> type = types.get(i);
                if (!GuestType.supported(type) || (type == void.class && i < types.size() - 1)) {
                    throw new PluginLinkException(id, path, "expected contract " + contract + "'s method " + method.getName()
                            + " to use the types a script guest exchanges (int, long, short, byte, double, float, boolean, "
                            + "String, byte[], records of these), found " + type.getTypeName());
                }
            }
            methods.add(method);
        }
        return methods;
    }

    /** The first context, evaluated: a syntax error is an invalid artifact, a top level that throws a failed start. */
    private Context evaluate(GuestSource guest, String id, Path path) {
        try {
            return guest.evaluate();
        } catch (TopLevelTimeoutException e) {
            throw new PluginStartException(id, path, e.getMessage(), e);
        } catch (PolyglotException e) {
            if (e.isSyntaxError()) {
                throw new InvalidArtifactException(id, path, "expected valid " + language.displayName() + ", found a syntax error"
                        + (e.getSourceLocation() == null ? "" : " at line " + e.getSourceLocation().getStartLine()) + ": "
                        + e.getMessage(), e);
            }
            throw new PluginStartException(id, path, "expected the top level of " + path.getFileName()
                    + " to run to its end, found it threw " + e.getMessage() + GuestFailure.stack(e), e);
        }
    }

    private static String read(Artifact artifact) {
        try {
            byte[] bytes = Files.readAllBytes(artifact.copy());
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidArtifactException(null, artifact.source(), "expected a UTF-8 text file, found "
                    + dev.graft.core.spi.ArtifactBytes.describeStart(artifact.copy()), e);
        } catch (IOException e) {
            throw new InvalidArtifactException(null, artifact.source(), "cannot read the script: " + e, e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + settings + "]";
    }
}
