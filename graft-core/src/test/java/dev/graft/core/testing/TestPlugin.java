package dev.graft.core.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of a {@code .testplugin} artifact: a manifest in the core's text form (see
 * {@link dev.graft.core.ManifestParser}) plus attributes only the {@link TestLoader} reads:
 *
 * <pre>
 * id       = a
 * version  = 1.0.0
 * provides = test.echo@1.0
 * answer   = v1          # what answer() returns (default: the version)
 * fail     = start       # throw in prepare, start, takeState or stop (start-error: an AssertionError in start)
 * drain    = true        # drainBeforeStop: stopped only once no call is in flight
 * collect  = true        # retireWhenUnreachable: stopped once the GC finds its implementations unreachable
 * state    = true        # keeps its counter as state (counter: i32), handed over at each reload
 * state    = block:counter: i32; extra: i64   # keeps it in a host-owned block of that shape
 * sleep.ms = 5           # every call sleeps this long first, to make calls long
 * gate     = slow        # every call waits at the loader's gate of this name while it is closed
 * handles.leak = 3       # start makes this many owned handles and never releases them
 * start.calls = same-thread   # start calls answer() on its required contracts (or: other-thread)
 * patches  = discount    # patches the host's patchable functions: each body answers {@code answer}
 * patch.wrong = true     # supplies bodies that implement no interface (a mismatched patch)
 * </pre>
 *
 * <p>A test plugin may import host modules ({@link #imports}); the loader keeps what each version
 * was linked with ({@link TestLoader#link}), so a test can call the modules and handles as the
 * plugin's guest would.
 */
public final class TestPlugin {

    public static final String ANSWER = "answer";
    public static final String FAIL = "fail";
    public static final String DRAIN = "drain";
    public static final String COLLECT = "collect";
    public static final String STATE = "state";
    public static final String SLEEP_MS = "sleep.ms";
    public static final String GATE = "gate";
    public static final String LEAK_HANDLES = "handles.leak";
    public static final String START_CALLS = "start.calls";
    public static final String PATCH_WRONG = "patch.wrong";

    /** The attributes the test loader reads; any other is a manifest error. */
    public static final Set<String> ATTRIBUTES = Set.of(ANSWER, FAIL, DRAIN, COLLECT, STATE, SLEEP_MS, GATE, LEAK_HANDLES,
            START_CALLS, PATCH_WRONG);

    /** The steps {@code fail} may name. */
    public static final Set<String> FAILING_STEPS = Set.of("prepare", "start", "start-error", "takeState", "stop");

    private final String id;
    private final String version;
    private final List<String> provides = new ArrayList<>();
    private final List<String> requires = new ArrayList<>();
    private final List<String> depends = new ArrayList<>();
    private final List<String> imports = new ArrayList<>();
    private final List<String> patches = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private TestPlugin(String id, String version) {
        this.id = id;
        this.version = version;
    }

    /** A plugin with this id and version, providing nothing yet. */
    public static TestPlugin of(String id, String version) {
        return new TestPlugin(id, version);
    }

    /** Contracts provided, as {@code name@version}. */
    public TestPlugin provides(String... contracts) {
        provides.addAll(List.of(contracts));
        return this;
    }

    /** Contracts required, as {@code name@version}; answer() appends what they answer. */
    public TestPlugin requires(String... contracts) {
        requires.addAll(List.of(contracts));
        return this;
    }

    /** Plugins depended on, as {@code id@version}. */
    public TestPlugin depends(String... plugins) {
        depends.addAll(List.of(plugins));
        return this;
    }

    /** Host modules imported, as {@code name@version}. */
    public TestPlugin imports(String... modules) {
        imports.addAll(List.of(modules));
        return this;
    }

    /** Patchable functions of the host this plugin patches; each body answers {@link #answer}. */
    public TestPlugin patches(String... functions) {
        patches.addAll(List.of(functions));
        return this;
    }

    /** Makes start create {@code count} owned handles that the version never releases, as a forgetful guest would. */
    public TestPlugin leakHandles(int count) {
        return set(LEAK_HANDLES, Integer.toString(count));
    }

    public TestPlugin answer(String answer) {
        return set(ANSWER, answer);
    }

    /** Makes the version throw in {@code step}: prepare, start, takeState or stop. */
    public TestPlugin fail(String step) {
        return set(FAIL, step);
    }

    public TestPlugin drainBeforeStop() {
        return set(DRAIN, "true");
    }

    /** Makes the version retire only once the garbage collector finds its implementations unreachable. */
    public TestPlugin retireWhenUnreachable() {
        return set(COLLECT, "true");
    }

    /** Makes start call its required contracts, on its own thread ({@code same-thread}) or another ({@code other-thread}). */
    public TestPlugin startCalls(String how) {
        return set(START_CALLS, how);
    }

    public TestPlugin keepsState() {
        return set(STATE, "true");
    }

    /** Keeps the counter in a host-owned state block of this shape, which must have {@code counter: i32}. */
    public TestPlugin keepsBlockState(String declaration) {
        return set(STATE, "block:" + declaration);
    }

    public TestPlugin sleepMillis(long millis) {
        return set(SLEEP_MS, Long.toString(millis));
    }

    /** Makes every call wait at {@link TestLoader#gate(String) the loader's gate} of this name while it is closed. */
    public TestPlugin gate(String name) {
        return set(GATE, name);
    }

    /** Any attribute, also one the loader does not know (to test how unknown keys are reported). */
    public TestPlugin set(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    public String id() {
        return id;
    }

    /** The artifact's text. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("id = ").append(id).append('\n');
        s.append("version = ").append(version).append('\n');
        line(s, "provides", provides);
        line(s, "requires", requires);
        line(s, "depends", depends);
        line(s, "imports", imports);
        line(s, "patches", patches);
        attributes.forEach((key, value) -> s.append(key).append(" = ").append(value).append('\n'));
        return s.toString();
    }

    private static void line(StringBuilder s, String key, List<String> values) {
        if (!values.isEmpty()) {
            s.append(key).append(" = ").append(String.join(", ", values)).append('\n');
        }
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
