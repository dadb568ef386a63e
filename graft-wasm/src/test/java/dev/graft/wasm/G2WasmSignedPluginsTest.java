package dev.graft.wasm;

import dev.graft.core.Graft;
import dev.graft.core.GraftBuilder;
import dev.graft.core.testing.SignedPluginCases;
import dev.graft.wasm.fixture.Greeting;
import dev.graft.wasm.fixture.Guests;
import dev.graft.wasm.testing.Wat;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * G2 and G5 for signed wasm plugins ({@link SignedPluginCases}): a module that is unsigned,
 * changed by one byte or signed by a foreign key is refused before it is instantiated (its start
 * function traps: had it run, the failure would be a start failure).
 */
class G2WasmSignedPluginsTest extends SignedPluginCases {

    @Override
    protected GraftBuilder builder() {
        return Graft.builder().contract(Greeting.class);
    }

    @Override
    protected String pluginId() {
        return "greeting";
    }

    @Override
    protected String name(String stem) {
        return stem + ".wasm";
    }

    @Override
    protected Path write(int version, String name) {
        return Wat.write(dir, name, Wat.manifest("greeting", version + ".0.0", "test.greeting@1.0"), Guests.greeting("v" + version + " ", 1));
    }

    @Override
    protected Path writeFailingWhenRun(String name) {
        return Wat.write(dir, name, Wat.manifest("greeting", "1.0.0", "test.greeting@1.0"),
                Wat.with(Guests.greeting("v1 ", 1), "(start $boom) (func $boom unreachable)"));
    }

    @Override
    protected Supplier<String> caller(Graft graft) {
        Greeting greeting = graft.contract(Greeting.class);
        return () -> greeting.greet("x");
    }

    @Override
    protected String answer(int version) {
        return "v" + version + " x";
    }
}
