package dev.graft.core.testing;

import dev.graft.api.PluginContext;
import dev.graft.core.ContractType;
import dev.graft.core.PluginManifest;
import dev.graft.core.host.PluginHandles;
import dev.graft.core.spi.PluginState;
import dev.graft.core.patch.PatchableType;
import dev.graft.core.spi.PatchBody;
import dev.graft.core.spi.PreparedPlugin;
import dev.graft.core.state.BlockState;
import dev.graft.core.state.StateLayout;
import dev.graft.core.state.StateShape;
import dev.graft.core.state.StateText;
import dev.graft.core.spi.Provision;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One prepared version of a test plugin. Its implementations are reflective proxies (fine here:
 * this is the plugin's code, not the runtime's call path) that count the calls in flight in the
 * version, so tests can check what the core promises about them.
 */
final class TestPluginVersion implements PreparedPlugin {

    private static final Cleaner CLEANER = Cleaner.create();

    private final PluginManifest manifest;
    private final String label;
    private final Journal journal;
    private final Gate gate;
    private final String answer;
    private final String failing;
    private final long sleepMillis;
    private List<Provision> provisions = new ArrayList<>(); // dropped by retireWhenUnreachable
    // reachable from every implementation while its calls run, as a native version's CallGuard;
    // dropped by retireWhenUnreachable, when its cleaner is registered
    private Object guard = new Object();
    private final List<PatchBody> patches = new ArrayList<>();
    private final List<Object> required = new ArrayList<>();
    private final List<Method> requiredAnswers = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final PluginHandles handles;
    private final BlockState block; // null unless the counter lives in a state block
    private final long counterOffset;
    private final PluginState blockState;

    private static final VarHandle COUNTER = ValueLayout.JAVA_INT.varHandle();

    TestPluginVersion(PluginManifest manifest, String label, Journal journal, Gate gate, PluginHandles handles) {
        this.manifest = manifest;
        this.handles = handles;
        this.label = label;
        this.journal = journal;
        this.gate = gate;
        this.answer = manifest.attributes().getOrDefault(TestPlugin.ANSWER, manifest.version().toString());
        this.failing = manifest.attributes().getOrDefault(TestPlugin.FAIL, "");
        this.sleepMillis = Long.parseLong(manifest.attributes().getOrDefault(TestPlugin.SLEEP_MS, "0"));
        String state = manifest.attributes().getOrDefault(TestPlugin.STATE, "");
        this.block = state.startsWith("block:") ? new BlockState(StateLayout.of(StateText.parse(state.substring(6)))) : null;
        this.counterOffset = block == null ? 0 : block.layout().offsetOf("counter");
        this.blockState = block == null ? null : new JournaledBlock();
    }

    boolean fails(String step) {
        return failing.equals(step);
    }

    void provide(ContractType<?> contract) {
        Class<?> type = contract.type();
        Object guarded = guard;
        Object implementation = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return invoke(proxy, method, args);
            } finally {
                Reference.reachabilityFence(guarded);
            }
        });
        provisions.add(new Provision(contract, implementation));
    }

    /**
     * Supplies a body for a patchable function: it answers this version's {@code answer} (as the
     * method's return type: a String, or a number parsed from it), or, when {@code wrong}, a body of
     * no interface at all, as a plugin whose body does not match would.
     */
    void patch(PatchableType function, boolean wrong) {
        Object guarded = guard;
        Class<?> returns = function.method().getReturnType();
        Object value = switch (returns.getName()) { // boxed each on its own: a conditional would widen them all to double
            case "int" -> (Object) Integer.parseInt(answer);
            case "long" -> (Object) Long.parseLong(answer);
            case "double" -> (Object) Double.parseDouble(answer);
            default -> answer;
        };
        Object body = wrong ? new Object() : Proxy.newProxyInstance(TestPluginVersion.class.getClassLoader(),
                new Class<?>[] {function.type()}, (proxy, method, args) -> {
                    try {
                        return method.equals(function.method()) ? value : invoke(proxy, method, args);
                    } finally {
                        Reference.reachabilityFence(guarded);
                    }
                });
        patches.add(new PatchBody(function.name(), body));
    }

    @Override
    public List<PatchBody> patches() {
        return List.copyOf(patches);
    }

    /** Resolves a required contract as a plugin would: a proxy from its context, called by answer(). */
    void require(ContractType<?> contract, PluginContext context) {
        try {
            requiredAnswers.add(contract.type().getMethod("answer"));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the test loader calls answer() on required contracts; " + contract + " has none", e);
        }
        required.add(context.contract(contract.type()));
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "toString" -> {
                return "test implementation in " + label;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> {
            }
        }
        active.incrementAndGet();
        try {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            if (gate != null) {
                gate.pass();
            }
            return switch (method.getName()) {
                case "answer" -> answer();
                case "next" -> block == null ? counter.addAndGet((Integer) args[0])
                        : (int) COUNTER.getAndAdd(block.segment(), counterOffset, (Integer) args[0]) + (Integer) args[0];
                default -> throw new UnsupportedOperationException("the test loader implements answer() and next(int), not " + method);
            };
        } finally {
            active.decrementAndGet();
        }
    }

    private String answer() throws Throwable {
        if (required.isEmpty()) {
            return answer;
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < required.size(); i++) {
            try {
                answers.add((String) requiredAnswers.get(i).invoke(required.get(i)));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        return answers.stream().collect(Collectors.joining(", ", answer + "(", ")"));
    }

    @Override
    public List<Provision> provisions() {
        if (provisions == null) {
            throw new IllegalStateException("expected " + label + " not retired, found its implementations dropped");
        }
        return List.copyOf(provisions);
    }

    @Override
    public void start() throws Exception {
        journal.add("start", manifest.id(), label, active.get());
        int leaks = Integer.parseInt(manifest.attributes().getOrDefault(TestPlugin.LEAK_HANDLES, "0"));
        for (int i = 0; i < leaks; i++) {
            handles.owned("leaked by " + label + " #" + i);
        }
        if (fails("start")) {
            throw new Exception("test plugin " + label + " fails in start, as its manifest asks");
        }
        if (fails("start-error")) {
            throw new AssertionError("test plugin " + label + " fails in start with an Error, as its manifest asks");
        }
        switch (manifest.attributes().getOrDefault(TestPlugin.START_CALLS, "")) {
            case "same-thread" -> callRequired();
            case "other-thread" -> {
                java.util.concurrent.FutureTask<Void> call = new java.util.concurrent.FutureTask<>(() -> {
                    callRequired();
                    return null;
                });
                Thread.ofPlatform().name(label + "-start-worker").start(call);
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            default -> {
            }
        }
    }

    private void callRequired() throws Exception {
        try {
            answer();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new Exception(e);
        }
    }

    @Override
    public void stop() throws Exception {
        journal.add("stop", manifest.id(), label, active.get());
        if (fails("stop")) {
            throw new Exception("test plugin " + label + " fails in stop, as its manifest asks");
        }
    }

    @Override
    public void close() {
        journal.add("close", manifest.id(), label, active.get());
        if (block != null) {
            block.close();
        }
    }

    @Override
    public boolean retireWhenUnreachable(Runnable retire) {
        if (!Boolean.parseBoolean(manifest.attributes().get(TestPlugin.COLLECT))) {
            return false;
        }
        journal.add("awaitCollection", manifest.id(), label, active.get());
        CLEANER.register(guard, retire);
        guard = null;
        provisions = null;
        return true;
    }

    @Override
    public boolean drainBeforeStop() {
        return Boolean.parseBoolean(manifest.attributes().get(TestPlugin.DRAIN));
    }

    /**
     * The counter as state: {@code counter: i32} in the version's own field ({@code state = true}),
     * or in a host-owned block ({@code state = block:DECLARATION}).
     */
    @Override
    public PluginState state() {
        String state = manifest.attributes().getOrDefault(TestPlugin.STATE, "false");
        return block != null ? blockState : Boolean.parseBoolean(state) ? counterState : null;
    }

    private final PluginState counterState = new PluginState() {
        private final StateShape shape = StateText.parse("counter: i32");

        @Override
        public StateShape shape() {
            return shape;
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("counter", 0);
        }

        @Override
        public Map<String, Object> read() {
            journal.add("takeState", manifest.id(), label, active.get());
            return Map.of("counter", counter.get());
        }

        @Override
        public void install(Map<String, Object> value) throws Exception {
            journal.add("install", manifest.id(), label, active.get());
            if (fails("takeState")) {
                throw new Exception("test plugin " + label + " fails in takeState, as its manifest asks");
            }
            counter.set((Integer) value.get("counter"));
        }
    };

    /** The block, journaled like the counter state; shares with a predecessor's block of the same shape. */
    private final class JournaledBlock implements PluginState {
        @Override
        public StateShape shape() {
            return block.shape();
        }

        @Override
        public Map<String, Object> defaults() {
            return block.defaults();
        }

        @Override
        public Map<String, Object> read() {
            journal.add("takeState", manifest.id(), label, active.get());
            return block.read();
        }

        @Override
        public void install(Map<String, Object> value) throws Exception {
            journal.add("install", manifest.id(), label, active.get());
            if (fails("takeState")) {
                throw new Exception("test plugin " + label + " fails in takeState, as its manifest asks");
            }
            block.install(value);
        }

        @Override
        public boolean share(PluginState previous) {
            boolean shared = previous instanceof JournaledBlock p && block.share(p.owner().block);
            if (shared) {
                journal.add("share", manifest.id(), label, active.get());
            }
            return shared;
        }

        private TestPluginVersion owner() {
            return TestPluginVersion.this;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
