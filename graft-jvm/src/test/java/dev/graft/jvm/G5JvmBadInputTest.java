package dev.graft.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.ContractMismatchException;
import dev.graft.core.DependencyCycleException;
import dev.graft.core.DuplicatePluginException;
import dev.graft.core.Graft;
import dev.graft.core.InvalidArtifactException;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.PluginStartException;
import dev.graft.core.UnsatisfiedDependencyException;
import dev.graft.jvm.fixture.Calendar;
import dev.graft.jvm.fixture.CalendarB;
import dev.graft.jvm.fixture.Clock;
import dev.graft.jvm.fixture.ClockA1;
import dev.graft.jvm.fixture.FailingStart;
import dev.graft.jvm.fixture.Greeting;
import dev.graft.jvm.fixture.GreetingV1;
import dev.graft.jvm.fixture.NotAGreeting;
import dev.graft.jvm.fixture.ThrowingConstructor;
import dev.graft.jvm.fixture.ThrowingHelperInit;
import dev.graft.jvm.fixture.ThrowingStaticInit;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 for JVM plugins: each kind of bad input ends in a typed exception whose message names the
 * plugin (once known), the artifact, what was expected and what was found; nothing is loaded.
 */
class G5JvmBadInputTest {

    @TempDir
    Path dir;

    private Graft graft;

    @BeforeEach
    void start() {
        graft = Graft.builder().build();
    }

    @AfterEach
    void close() {
        graft.close();
    }

    private <E extends PluginException> E refused(Class<E> type, Path artifact, String... fragments) {
        E e = assertThrows(type, () -> graft.load(artifact));
        assertTrue(e.getMessage().contains(artifact.getFileName().toString()), "names the artifact: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        assertEquals(List.of(), graft.plugins(), "nothing is loaded");
        return e;
    }

    private TestJar greeting() {
        return TestJar.plugin("greeting", "1.0.0");
    }

    @Test
    void notAJar() throws Exception {
        Path file = Files.writeString(dir.resolve("plugin.jar"), "#!/bin/sh\necho not a jar\n");
        refused(InvalidArtifactException.class, file, "expected a jar", "23 21 2f 62");
    }

    @Test
    void unknownKindOfFile() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        refused(InvalidArtifactException.class, file, "expected a plugin artifact of kind jvm", "68 65 6c 6c 6f");
    }

    @Test
    void truncatedJar() throws Exception {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).write(dir, "whole.jar");
        byte[] bytes = Files.readAllBytes(jar);
        Path truncated = Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(bytes, bytes.length / 2));
        refused(InvalidArtifactException.class, truncated, "truncated or corrupt");
    }

    @Test
    void corruptEntry() throws Exception {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).stored().write(dir, "whole.jar");
        byte[] bytes = Files.readAllBytes(jar);
        // flip a byte inside the class file's stored bytes; the zip structure stays intact
        int classStart = indexOf(bytes, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
        bytes[classStart + 40] ^= 0x5A;
        Path corrupt = Files.write(dir.resolve("corrupt.jar"), bytes);
        InvalidArtifactException e = refused(InvalidArtifactException.class, corrupt, "GreetingV1.class is corrupt", "expected CRC");
        assertTrue(e.getMessage().startsWith("plugin 'greeting' (corrupt.jar): entry "), "names the plugin: " + e.getMessage());
        assertEquals("greeting", e.pluginId());
    }

    @Test
    void corruptEntryOnReloadNamesThePlugin() throws Exception {
        graft.load(greeting().provides("test.greeting@1.2", GreetingV1.class).write(dir, "v1.jar"));
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).stored().write(dir, "whole.jar");
        byte[] bytes = Files.readAllBytes(jar);
        bytes[indexOf(bytes, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}) + 40] ^= 0x5A;
        Path corrupt = Files.write(dir.resolve("corrupt.jar"), bytes);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> graft.reload("greeting", corrupt));
        assertTrue(e.getMessage().startsWith("plugin 'greeting' (corrupt.jar): entry dev/graft/jvm/fixture/GreetingV1.class is corrupt: expected CRC "),
                e.getMessage());
        assertEquals("v1.jar", graft.plugin("greeting").orElseThrow().artifact().getFileName().toString(), "v1 still serves");
    }

    @Test
    void noManifest() {
        Path jar = greeting().classes(GreetingV1.class).withoutManifest().write(dir, "bare.jar");
        refused(ManifestException.class, jar, "META-INF/graft-plugin.properties", "found none");
    }

    @Test
    void malformedManifestSaysWhere() {
        Path jar = greeting().manifest("id = greeting\nversion = 1.0.0\nprovides example.greeter\n").write(dir, "bad.jar");
        ManifestException e = refused(ManifestException.class, jar, "line 3", "expected 'key = value'");
        assertEquals(3, e.line());
    }

    @Test
    void badVersionInManifest() {
        Path jar = greeting().manifest("id = greeting\nversion = one\n").write(dir, "badversion.jar");
        ManifestException e = refused(ManifestException.class, jar, "line 2", "semantic version", "'one'");
        assertEquals(2, e.line());
    }

    @Test
    void unknownManifestKey() {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).line("mian = x.Y").write(dir, "typo.jar");
        refused(ManifestException.class, jar, "line 5", "unknown key 'mian' (did you mean 'main'?)");
    }

    @Test
    void misspeltRequiredKeyIsNamedOnItsLineNotReportedMissing() {
        Path jar = greeting().manifest("id = greeting\nverison = 1.0\n").write(dir, "verison.jar");
        ManifestException e = refused(ManifestException.class, jar, "plugin 'greeting'",
                "META-INF/graft-plugin.properties line 2: expected one of the keys id, version,",
                "found unknown key 'verison' (did you mean 'version'?)");
        assertEquals(2, e.line());
    }

    @Test
    void providerKeyForAContractNotProvidedSuggestsTheProvidedOne() {
        Path jar = greeting().line("provides = test.greeting@1.2").line("provider.test.greting = " + GreetingV1.class.getName())
                .classes(GreetingV1.class).write(dir, "provider.jar");
        ManifestException e = refused(ManifestException.class, jar, "line 4",
                "found unknown key 'provider.test.greting' (did you mean 'provider.test.greeting'?)");
        assertEquals(4, e.line());
    }

    @Test
    void providedContractWithoutProviderClass() {
        Path jar = greeting().line("provides = test.greeting@1.2").write(dir, "noclass.jar");
        refused(ManifestException.class, jar, "provider.test.greeting");
    }

    @Test
    void providerClassNotFound() {
        Path jar = greeting().line("provides = test.greeting@1.2").line("provider.test.greeting = com.example.Missing")
                .write(dir, "missing.jar");
        refused(PluginLinkException.class, jar, "plugin 'greeting'", "com.example.Missing", "no such class");
    }

    @Test
    void providerDoesNotImplementTheContract() {
        Path jar = greeting().provides("test.greeting@1.2", NotAGreeting.class).write(dir, "notimpl.jar");
        refused(ContractMismatchException.class, jar, "NotAGreeting", "test.greeting@1.2", "no interfaces");
    }

    @Test
    void contractMajorVersionMismatch() {
        Path jar = greeting().provides("test.greeting@2.0", GreetingV1.class).write(dir, "major.jar");
        refused(ContractMismatchException.class, jar, "test.greeting@2.0", "test.greeting@1.2", "another major version");
    }

    @Test
    void contractMethodMissingIsReportedLikeMun() throws Exception {
        // a class compiled against an older Greeting: it has greet but no classLoader()
        ClassDesc self = ClassDesc.of("dev.graft.jvm.fixture.OldGreeting");
        byte[] bytes = ClassFile.of().build(self, cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC)
                .withInterfaceSymbols(ClassDesc.of(Greeting.class.getName()))
                .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                        .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void).return_())
                .withMethodBody("greet", MethodTypeDesc.of(ConstantDescs.CD_String, ConstantDescs.CD_String), ClassFile.ACC_PUBLIC,
                        code -> code.aload(1).areturn())
                .withMethodBody("classLoader", MethodTypeDesc.of(ConstantDescs.CD_String, ConstantDescs.CD_int), ClassFile.ACC_PUBLIC,
                        code -> code.ldc("wrong").areturn()));
        Path jar = greeting().line("provides = test.greeting@1.2").line("provider.test.greeting = dev.graft.jvm.fixture.OldGreeting")
                .entry("dev/graft/jvm/fixture/OldGreeting.class", bytes).write(dir, "old.jar");
        refused(PluginLinkException.class, jar, "expected fn classLoader() -> ClassLoader, found fn classLoader(int) -> String");
    }

    @Test
    void requiredContractMissing() {
        Path jar = TestJar.plugin("calendar", "1.0.0").provides("test.calendar@1.0", CalendarB.class)
                .requires("test.clock@1.0").write(dir, "calendar.jar");
        refused(UnsatisfiedDependencyException.class, jar, "plugin 'calendar'", "requires contract test.clock@1.0",
                "no plugin providing it");
    }

    @Test
    void requiredContractOnlyInAnOlderMinor() {
        graft.load(TestJar.plugin("clock", "1.0.0").provides("test.clock@1.0", ClockA1.class).write(dir, "clock.jar"));
        Path jar = TestJar.plugin("calendar", "1.0.0").provides("test.calendar@1.0", CalendarB.class)
                .requires("test.clock@1.3").write(dir, "calendar.jar");
        UnsatisfiedDependencyException e = assertThrows(UnsatisfiedDependencyException.class, () -> graft.load(jar));
        assertTrue(e.getMessage().contains("found test.clock@1.0 from 'clock'"), e.getMessage());
    }

    @Test
    void dependencyMissing() {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).depends("base@1.0").write(dir, "dep.jar");
        refused(UnsatisfiedDependencyException.class, jar, "depends on plugin base@1.0", "not loaded");
    }

    @Test
    void dependencyCycleNamesThePlugins() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("cycle"));
        TestJar.plugin("clock", "1.0.0").provides("test.clock@1.0", ClockA1.class).depends("calendar@1.0").write(folder, "a.jar");
        TestJar.plugin("calendar", "1.0.0").provides("test.calendar@1.0", CalendarB.class).requires("test.clock@1.0")
                .write(folder, "b.jar");
        DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> graft.loadAll(folder));
        assertEquals(List.of("calendar", "clock"), e.cycle().stream().sorted().toList());
        assertTrue(e.getMessage().contains("calendar -> clock -> calendar") || e.getMessage().contains("clock -> calendar -> clock"),
                e.getMessage());
        assertEquals(List.of(), graft.plugins());
    }

    @Test
    void constructorThrowing() {
        Path jar = greeting().provides("test.greeting@1.2", ThrowingConstructor.class).classes(GreetingV1.class)
                .write(dir, "ctor.jar");
        refused(PluginStartException.class, jar, "constructor of", "ThrowingConstructor", "bad configuration");
    }

    @Test
    void staticInitializerThrowingNamesItsCause() {
        Path jar = greeting().provides("test.greeting@1.2", ThrowingStaticInit.class).classes(GreetingV1.class)
                .write(dir, "clinit.jar");
        refused(PluginLinkException.class, jar, "plugin 'greeting'", "ThrowingStaticInit",
                "static initializer threw java.lang.IllegalStateException: no config");
    }

    @Test
    void constructorHittingAFailedStaticInitializerNamesItsCause() {
        Path jar = greeting().provides("test.greeting@1.2", ThrowingHelperInit.class)
                .classes(GreetingV1.class, ThrowingHelperInit.Helper.class).write(dir, "helper.jar");
        refused(PluginStartException.class, jar, "constructor of", "ThrowingHelperInit",
                "static initializer threw java.lang.NumberFormatException: For input string: \"unlimited\"");
    }

    @Test
    void startThrowing() {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).main(FailingStart.class).write(dir, "start.jar");
        refused(PluginStartException.class, jar, "start failed", "database unreachable");
    }

    @Test
    void mainClassThatIsNoPlugin() {
        Path jar = greeting().provides("test.greeting@1.2", GreetingV1.class).main(NotAGreeting.class).write(dir, "main.jar");
        refused(PluginLinkException.class, jar, "expected main class", "dev.graft.api.Plugin");
    }

    @Test
    void samePluginIdLoadedTwice() {
        graft.load(greeting().provides("test.greeting@1.2", GreetingV1.class).write(dir, "one.jar"));
        Path twin = greeting().provides("test.greeting@1.2", GreetingV1.class).write(dir, "two.jar");
        DuplicatePluginException e = assertThrows(DuplicatePluginException.class, () -> graft.load(twin));
        assertTrue(e.getMessage().contains("two.jar") && e.getMessage().contains("one.jar") && e.getMessage().contains("reload it"),
                e.getMessage());
        assertEquals(1, graft.plugins().size());
    }

    @Test
    void missingFile() {
        Path nowhere = dir.resolve("nowhere.jar");
        refused(InvalidArtifactException.class, nowhere, "no file at");
    }

    @Test
    void hostContractLookupWithoutProvider() {
        var e = assertThrows(dev.graft.core.NoProviderException.class, () -> graft.contract(Clock.class));
        assertTrue(e.getMessage().contains("test.clock@1.0") && e.getMessage().contains("none loaded"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> graft.contract(Runnable.class));
        assertThrows(IllegalArgumentException.class, () -> graft.contract(Calendar.class, "2.0"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
