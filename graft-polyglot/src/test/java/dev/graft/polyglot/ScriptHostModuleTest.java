package dev.graft.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.api.host.Log;
import dev.graft.core.Graft;
import dev.graft.core.testing.RecordingLog;
import dev.graft.polyglot.fixture.HostUser;
import dev.graft.polyglot.fixture.Kit;
import dev.graft.polyglot.fixture.Scripts;
import dev.graft.polyglot.fixture.Shapes.Point;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host modules reach script guests as global objects of plain functions ({@code graft_log.info},
 * {@code graft_config.get}, {@code test_kit.add}), with a contract's type mapping; a host function
 * that throws fails the call with the host's exception as the cause.
 */
class ScriptHostModuleTest {

    static final String MANIFEST = """
            id = host-user
            version = 1.0.0
            provides = test.hostuser@1.0
            imports = graft.log@1.0, graft.config@1.0, test.kit@1.0
            """;

    static final String JS = """
            graft_log.debug('host-user ready');
            function log(message) { graft_log.info(message); }
            function config(key) { return graft_config.get(key); }
            function add(a, b) { return test_kit.add(a, b); }
            function mirror(p) { return test_kit.mirror(p); }
            function fail(message) { test_kit.fail(message); return 'not reached'; }
            function attempt(what) {
                try {
                    switch (what) {
                        case 'java': return String(Java.type('java.lang.System').getProperty('user.home'));
                        case 'file': load('/etc/hostname'); return 'loaded a file';
                        case 'polyglot': return String(Polyglot.eval('python', '1 + 1'));
                        case 'module': return String(test_kit.getClass());
                    }
                    return 'unknown ' + what;
                } catch (e) {
                    return 'refused: ' + e;
                }
            }
            """;

    static final String PYTHON = """
            graft_log.debug('host-user ready')

            def log(message):
                graft_log.info(message)

            def config(key):
                return graft_config.get(key)

            def add(a, b):
                return test_kit.add(a, b)

            def mirror(p):
                return test_kit.mirror(p)

            def fail(message):
                test_kit.fail(message)
                return 'not reached'

            def attempt(what):
                try:
                    if what == 'java':
                        import java
                        return str(java.type('java.lang.System').getProperty('user.home'))
                    if what == 'file':
                        with open('/etc/hostname') as f:
                            return f.read()
                    if what == 'polyglot':
                        import polyglot
                        return str(polyglot.eval(language='js', string='1 + 1'))
                    if what == 'module':
                        return str(test_kit.getClass())
                    if what == 'thread':
                        import threading
                        t = threading.Thread(target=lambda: None)
                        t.start()
                        t.join()
                        return 'started a thread'
                    if what == 'process':
                        import subprocess
                        return str(subprocess.check_output(['id']))
                    return 'unknown ' + what
                except BaseException as e:
                    return 'refused: ' + repr(e)
            """;

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private Graft graft;

    @AfterEach
    void close() {
        if (graft != null) {
            graft.close();
        }
    }

    private HostUser load(String language) throws Exception {
        graft = Graft.builder().contract(HostUser.class)
                .hostModule(Kit.class, context -> new Kit() {
                    @Override
                    public int add(int a, int b) {
                        return a + b;
                    }

                    @Override
                    public Point mirror(Point p) {
                        return new Point(-p.x(), -p.y());
                    }

                    @Override
                    public void fail(String message) {
                        throw new IllegalStateException(message);
                    }
                })
                .grant("host-user", Kit.class)
                .shadowHostModule(Log.class, context -> new RecordingLog(context.versionLabel(), logged))
                .config("host-user", Map.of("greeting", "grüße"))
                .build();
        graft.load(Scripts.write(language, dir, "host_user", MANIFEST, language.equals("js") ? JS : PYTHON));
        return graft.contract(HostUser.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void hostModulesAreGlobalsOfPlainFunctions(String language) throws Exception {
        HostUser user = load(language);
        String label = graft.plugin("host-user").orElseThrow().label();
        assertTrue(logged.contains(label + " debug: host-user ready"), "the top level logged: " + logged);
        user.log("from a call ✓");
        assertEquals(label + " info: from a call ✓", logged.getLast());
        assertEquals("grüße", user.config("greeting"));
        assertEquals("", user.config("missing"));
        assertEquals(5, user.add(2, 3));
        assertEquals(new Point(-1, 2), user.mirror(new Point(1, -2)), "a record to the host and back");
        GuestCallException failed = assertThrows(GuestCallException.class, () -> user.fail("no way"));
        assertInstanceOf(IllegalStateException.class, failed.getCause(), failed.toString());
        assertEquals("no way", failed.getCause().getMessage());
        assertTrue(failed.getMessage().contains("function fail: a host function the guest called threw "
                + "java.lang.IllegalStateException: no way"), failed.getMessage());
        assertEquals(7, user.add(3, 4), "the next call works");
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "python"})
    void theSandboxRefusesHostAccessFilesOtherLanguagesThreadsAndProcesses(String language) throws Exception {
        HostUser user = load(language);
        List<String> attempts = language.equals("js") ? List.of("java", "file", "polyglot", "module")
                : List.of("java", "file", "polyglot", "module", "thread", "process");
        List<String> answers = new java.util.ArrayList<>();
        for (String what : attempts) {
            long t = System.nanoTime();
            String answer;
            try {
                answer = user.attempt(what);
            } catch (GuestCallException e) {
                answer = e.getMessage();
            }
            answers.add(what + " (" + (System.nanoTime() - t) / 1_000_000 + " ms): " + answer);
        }
        for (String answer : answers) {
            // GraalPy refuses a thread with an engine error rather than a Python exception: the call fails, typed
            assertTrue(answer.contains("): refused: ") || answer.startsWith("thread") && answer.contains(
                    "function attempt: the Python engine failed: java.lang.IllegalStateException: Creating threads is not allowed"),
                    String.join("\n", answers));
        }
    }
}
