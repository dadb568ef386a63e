package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.testing.Collected;
import dev.graft.polyglot.fixture.Greeting;
import dev.graft.polyglot.fixture.Scripts;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3: after many reloads with two threads calling, every old version's context pool and every
 * context it made have been closed, and the pools and their first contexts collected; only the live version's remain. JavaScript
 * reloads 200 times, Python 10 (a Python context starts in 200+ ms; the retire path is the same).
 * The language's engine is shared by all versions and stays: it holds no version's code.
 */
class G3ScriptNothingLeaksTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"js, 200", "python, 10"})
    void oldContextsAreClosedAndCollected(String language, int reloads) throws Exception {
        Path v1 = Scripts.write(language, dir, "greeting", Scripts.greeting("greeting", "1.0.0"),
                language.equals("js") ? Scripts.jsGreeting("v1 ", 1) : Scripts.pyGreeting("v1 ", 1));
        Path v2 = Scripts.write(language, dir, "greeting_v2", Scripts.greeting("greeting", "2.0.0"),
                language.equals("js") ? Scripts.jsGreeting("v2 ", 2) : Scripts.pyGreeting("v2 ", 2));
        List<PolyglotPlugin> prepared = new ArrayList<>(); // strong only until the last reload: see below
        List<WeakReference<Object>> firstContexts = new ArrayList<>(); // each version's first context, as GraalVM's object
        Consumer<PolyglotPlugin> observer = plugin -> {
            synchronized (prepared) {
                prepared.add(plugin);
                firstContexts.add(new WeakReference<>(plugin.pool().open.getFirst().context()));
            }
        };
        PolyglotSettings settings = PolyglotSettings.defaults().withMaxContexts(2);
        PolyglotPluginLoader loader = language.equals("js") ? new JsPluginLoader(settings, observer)
                : new PythonPluginLoader(settings, observer);
        CountDownLatch allRetired = new CountDownLatch(reloads);
        try (Graft graft = Graft.builder().contract(Greeting.class).discoverLoaders(false).loader(loader)
                .subscribe(e -> {
                    if (e instanceof GraftEvent.Retired) {
                        allRetired.countDown();
                    }
                }).build()) {
            graft.load(v1);
            Greeting greeting = graft.contract(Greeting.class);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        greeting.greet("z");
                    }
                }));
            }
            List<WeakReference<Object>> old = new ArrayList<>();
            for (int i = 1; i <= reloads; i++) {
                graft.reload("greeting", i % 2 == 1 ? v2 : v1);
            }
            stop.set(true);
            for (Thread caller : callers) {
                caller.join();
            }
            assertTrue(allRetired.await(60, TimeUnit.SECONDS), "all old versions retired");
            synchronized (prepared) {
                for (PolyglotPlugin plugin : prepared.subList(0, prepared.size() - 1)) {
                    assertTrue(ClosedPools.awaitEmpty(plugin.pool()), plugin + " closed every context it made");
                    old.add(new WeakReference<>(plugin.pool()));
                }
                old.addAll(firstContexts.subList(0, firstContexts.size() - 1));
                assertEquals(reloads + 1, prepared.size());
                prepared.subList(0, prepared.size() - 1).clear();
            }
            assertEquals(0, Collected.awaitAll(old), "old pools and contexts still reachable, of " + old.size());
            assertEquals(reloads % 2 == 0 ? "v1 z" : "v2 z", greeting.greet("z"));
        }
    }
}
