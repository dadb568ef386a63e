package dev.graft.polyglot;

import dev.graft.core.Graft;
import dev.graft.polyglot.fixture.Greeting;
import java.util.function.Consumer;

/** The runtime most pool tests call through: the Greeting contract and the JavaScript loader alone. */
final class JsGreetingRuntime {

    private JsGreetingRuntime() {
    }

    /**
     * A runtime whose JavaScript versions have at most {@code maxContexts} contexts each, handing
     * every version it prepares to {@code prepared} (the tests look into its pool).
     */
    static Graft build(int maxContexts, Consumer<PolyglotPlugin> prepared) {
        JsPluginLoader loader = new JsPluginLoader(PolyglotSettings.defaults().withMaxContexts(maxContexts), prepared);
        return Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader).build();
    }
}
