package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.cli.demo.DemoArtifacts;
import dev.graft.core.sign.ArtifactSigner;
import dev.graft.core.sign.Ed25519Keys;
import dev.graft.core.sign.SignatureFile;
import java.io.IOException;
import java.security.KeyPair;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code graft inspect}: what each kind of artifact declares, read without running it, and why Graft would refuse one. */
class InspectCommandTest {

    @TempDir
    static Path work;

    private static DemoArtifacts artifacts;

    @BeforeAll
    static void artifacts() throws IOException {
        artifacts = DemoArtifacts.extract();
    }

    @AfterAll
    static void close() throws IOException {
        artifacts.close();
    }

    /** A demo artifact without the signature the build gave it, as the examples' builds leave theirs. */
    private static Path artifact(String name) {
        Path file = artifacts.directory().resolve(name);
        if (!Files.exists(file)) {
            artifacts.extract(name);
            try {
                Files.delete(SignatureFile.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    @Test
    void showsAJvmPluginsContractMethodsImportsAndState() {
        Console console = new Console();
        assertEquals(0, console.execute("inspect", artifact("greeter-jvm-v1.jar").toString()), console.err());
        assertEquals("""
                artifact:    greeter-jvm-v1.jar
                kind:        jvm
                plugin:      greeter 1.0.0
                provides:    example.greeter@1.0
                               fn greet(String) -> String
                               fn next(int) -> int
                requires:    none
                depends:     none
                imports:     graft.log@1.0, example.counters@1.0
                limits:      none
                state:       dev.graft.examples.greeter.jvm.GreeterState
                signature:   greeter-jvm-v1.jar.sig absent
                loadable:    yes, up to running its code (every check before that passed)
                """, console.out());
    }

    /** The descriptor's signatures (native), the exports as they link (wasm), and the limits each runs under. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "greeter-native-v1.so, native, 'limits:      none'",
        "greeter-wasm-v1.wasm, wasm, 'limits:      max-memory-pages \\d+ \\(\\d+ KiB\\), call-timeout-ms \\d+'",
    })
    void showsTheSignaturesOfANativeOrWasmPluginAsGraftReadsThem(String name, String kind, String limits) {
        Console console = new Console();
        assertEquals(0, console.execute("inspect", artifact(name).toString()), console.err());
        assertTrue(console.out().contains("kind:        " + kind + "\n" + """
                plugin:      greeter 1.0.0
                provides:    example.greeter@1.0
                               fn greet(str) -> str
                               fn next(i32) -> i32
                """), console.out());
        assertTrue(console.out().lines().anyMatch(l -> l.matches(limits)), console.out());
    }

    @Test
    void showsATestsOwnContractWithRecordsBytesAndNumbersFromTheClassPath() throws IOException {
        CalcPlugin calc = CalcPlugin.build(work.resolve("own"));
        Console console = new Console();
        assertEquals(0, console.execute("inspect", calc.jar().toString(), "--classpath", calc.contracts().toString()),
                console.out());
        assertTrue(console.out().contains("""
                provides:    example.calc@1.0
                               fn add(int, long) -> long
                               fn half(short) -> short
                               fn move(Point, int) -> Point
                               fn not(boolean) -> boolean
                               fn reset() -> void
                               fn reverse(byte[]) -> byte[]
                               fn scale(double, float) -> double
                               fn shout(String) -> String
                imports:     graft.log@1.0
                """.replace("imports:", "requires:    none\ndepends:     none\nimports:")), console.out());
    }

    @Test
    void listsThePatchableFunctionsAPluginPatches() throws IOException {
        Path sidecar = Files.writeString(work.resolve("floor.graft-native"), """
                id       = floor
                version  = 1.0.0
                library  = libm.so.6
                patches  = rounding
                patch.rounding = floor(f64) -> f64
                """);
        Console console = new Console();
        console.execute("inspect", sidecar.toString());
        assertTrue(console.out().contains("\npatches:     rounding\n"), console.out());
        assertTrue(console.out().contains("\nloadable:    no: PluginLinkException: plugin 'floor' (floor.graft-native): expected a "
                + "patchable function 'rounding' declared by the host (patches = rounding), found none declared\n"), console.out());
        Console json = new Console();
        json.execute("inspect", "--json", sidecar.toString());
        assertEquals("rounding", new ObjectMapper().readTree(json.out()).get("patches").get(0).asText(), json.out());
    }

    /** A native plugin's descriptor (ABI 4) names its patches too; inspect reads them without mapping the library. */
    @Test
    void listsThePatchesOfANativePluginsDescriptor() {
        Console console = new Console();
        console.execute("inspect", artifact("patch-native.so").toString());
        assertTrue(console.out().contains("\npatches:     price\n"), console.out());
    }

    /**
     * Without a host that declares the function a plugin patches, inspect says the load would be
     * refused; {@code --patchable} declares it, and the patch's signature is then checked against
     * the declared interface as a load checks it, still without mapping the library.
     */
    @Test
    void judgesAPatchAgainstTheFunctionDeclaredWithPatchable() {
        String plugin = artifact("patch-native.so").toString();
        Console undeclared = new Console();
        assertEquals(1, undeclared.execute("inspect", plugin), undeclared.err());
        assertTrue(undeclared.out().contains("expected a patchable function 'price' declared by the host (patches = price), "
                + "found none declared"), undeclared.out());

        Console declared = new Console();
        assertEquals(0, declared.execute("inspect", plugin, "--patchable", "price=java.util.function.DoubleUnaryOperator"),
                declared.out() + declared.err());
        assertTrue(declared.out().contains("\nloadable:    yes"), declared.out());

        Console mistyped = new Console();
        assertEquals(1, mistyped.execute("inspect", plugin, "--patchable", "price=java.util.function.IntUnaryOperator"),
                mistyped.err());
        assertTrue(mistyped.out().contains("\nloadable:    no: PluginLinkException: plugin 'patch-native' (patch-native.so): "
                + "patchable function 'price' (java.util.function.IntUnaryOperator): expected fn price(i32) -> i32, "
                + "found fn price(f64) -> f64"),
                mistyped.out());
    }

    @Test
    void refusesAPatchableThatIsNotNameEqualsInterface() {
        String plugin = artifact("patch-native.so").toString();
        assertUsage(plugin, "price", "--patchable: expected NAME=INTERFACE, such as bonus=java.util.function.DoubleBinaryOperator, "
                + "found 'price'");
        assertUsage(plugin, "price=", "--patchable: expected NAME=INTERFACE");
        assertUsage(plugin, "price=com.example.NoSuchInterface", "expected a class com.example.NoSuchInterface, found none on "
                + "graft's own class path");
        assertUsage(plugin, "price=java.lang.String", "--patchable price=java.lang.String: expected a public interface with one "
                + "abstract method as the type of patchable function 'price'");
        assertUsage(plugin, "no such name=java.util.function.DoubleUnaryOperator", "--patchable no such name=");
    }

    private static void assertUsage(String plugin, String patchable, String expected) {
        Console console = new Console();
        assertEquals(2, console.execute("inspect", plugin, "--patchable", patchable), console.out());
        assertTrue(console.err().contains("graft inspect: " + expected), console.err());
    }

    @Test
    void withTrustedKeysASignatureIsCheckedAsALoadChecksIt() throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        Path publicKey = work.resolve("trusted.pub");
        Ed25519Keys.write(keys, work.resolve("trusted.key"), publicKey);
        Path jar = Files.copy(artifact("greeter-jvm-v1.jar"), work.resolve("checked.jar"));
        ArtifactSigner signer = new ArtifactSigner(keys.getPrivate());
        signer.sign(jar);

        Console good = new Console();
        assertEquals(0, good.execute("inspect", jar.toString(), "--trust", publicKey.toString()), good.err());
        assertTrue(good.out().contains("signature:   checked.jar.sig present, by key " + signer.keyId() + "\n"), good.out());

        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(jar, bytes);
        Console tampered = new Console();
        assertEquals(1, tampered.execute("inspect", jar.toString(), "--trust", publicKey.toString()), tampered.err());
        assertTrue(tampered.out().contains("\nloadable:    no: ArtifactSignatureException: plugin 'greeter' (checked.jar): expected "
                + "the bytes key " + signer.keyId() + " signed, found bytes its signature does not match"), tampered.out());
        Console call = new Console();
        assertEquals(1, call.execute("call", jar.toString(), "example.greeter.next", "1", "--trust", publicKey.toString()));
        assertTrue(call.err().contains("expected the bytes key " + signer.keyId() + " signed"), call.err());
    }

    @Test
    void showsWhetherASignatureFileLiesBeside() throws IOException {
        Path jar = Files.copy(artifact("greeter-jvm-v1.jar"), work.resolve("signed.jar"));
        ArtifactSigner signer = new ArtifactSigner(Ed25519Keys.generate().getPrivate());
        signer.sign(jar);
        Console console = new Console();
        console.execute("inspect", jar.toString());
        assertTrue(console.out().contains("signature:   signed.jar.sig present, by key " + signer.keyId()
                + " (not checked: --trust KEY checks it as a host that trusts KEY would)\n"), console.out());

        Files.write(work.resolve("signed.jar.sig"), new byte[64]);
        Console garbled = new Console();
        garbled.execute("inspect", jar.toString());
        assertTrue(garbled.out().contains("signature:   signed.jar.sig present but unreadable: line 1: expected 'key = ...' or "
                + "'signature = ...', found '"), garbled.out());
    }

    @Test
    void aFileGraftWouldRefuseIsShownWithTheExceptionALoadWouldEndWith() throws IOException {
        Path truncated = work.resolve("truncated.so");
        byte[] library = Files.readAllBytes(artifact("greeter-native-v1.so"));
        Files.write(truncated, java.util.Arrays.copyOf(library, 200));
        Console console = new Console();
        assertEquals(1, console.execute("inspect", truncated.toString()));
        assertTrue(console.out().startsWith("artifact:    truncated.so\nkind:        native\nsignature:   truncated.so.sig absent\n"
                + "loadable:    no: InvalidArtifactException: (truncated.so): expected a complete shared library, found a "
                + "truncated one: "), console.out());
    }

    @Test
    void aJvmPluginWhoseContractIsNotOnTheHostsClassPathIsRefusedSayingSo() throws IOException {
        Path calc = CalcPlugin.build(work.resolve("unknown")).jar();
        Console console = new Console();
        assertEquals(1, console.execute("inspect", calc.toString()));
        assertTrue(console.out().contains("plugin:      calc 1.0.0\n"), console.out());
        assertTrue(console.out().contains("loadable:    no: PluginLinkException: plugin 'calc' (calc.jar): class "
                + "com.example.impl.CalcImpl (named by 'provider.example.calc') cannot be linked: "
                + "java.lang.NoClassDefFoundError: com/example/calc/Calc"), console.out());
    }

    @Test
    void aMalformedManifestIsShownWithItsLine() throws IOException {
        Path jar = work.resolve("typo.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/graft-plugin.properties"));
            out.write("id = typo\nverison = 1.0.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Console console = new Console();
        assertEquals(1, console.execute("inspect", jar.toString()));
        assertTrue(console.out().contains("loadable:    no: ManifestException: plugin 'typo' (typo.jar): "
                + "META-INF/graft-plugin.properties line 2: expected one of the keys"), console.out());
        assertTrue(console.out().contains("found unknown key 'verison' (did you mean 'version'?)"), console.out());
    }

    @Test
    void theJsonOutputReadsBackWithEveryPart() throws IOException {
        Console console = new Console();
        assertEquals(0, console.execute("inspect", "--json", artifact("greeter-wasm-v1.wasm").toString()), console.err());
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertEquals("greeter-wasm-v1.wasm", json.get("artifact").asText());
        assertEquals("wasm", json.get("kind").asText());
        assertEquals("greeter", json.get("id").asText());
        assertEquals("1.0.0", json.get("version").asText());
        JsonNode provided = json.get("provides").get(0);
        assertEquals("example.greeter@1.0", provided.get("contract").asText());
        assertEquals(List.of("fn greet(str) -> str", "fn next(i32) -> i32"),
                StreamSupport.stream(provided.get("functions").spliterator(), false).map(JsonNode::asText).toList());
        assertTrue(json.get("requires").isArray() && json.get("requires").isEmpty());
        assertTrue(json.get("imports").isArray());
        assertTrue(json.get("limits").has("max-memory-pages"), json.toString());
        assertEquals("greeter-wasm-v1.wasm.sig", json.get("signature").get("file").asText());
        assertEquals(false, json.get("signature").get("present").asBoolean());
        assertEquals(true, json.get("loadable").asBoolean());
        assertTrue(json.get("refusal").isNull());
    }

    @Test
    void theJsonOfARefusedFileCarriesTheException() throws IOException {
        Path junk = Files.writeString(work.resolve("junk.wasm"), "not a module");
        Console console = new Console();
        assertEquals(1, console.execute("inspect", "--json", junk.toString()));
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertEquals(false, json.get("loadable").asBoolean());
        assertEquals("dev.graft.core.InvalidArtifactException", json.get("refusal").get("exception").asText());
        assertTrue(json.get("refusal").get("message").asText().startsWith("(junk.wasm): expected a WebAssembly module"), json.toString());
        assertTrue(json.get("id").isNull() && json.get("provides").isNull());
    }

    @Test
    void noFileIsAUsageError() {
        Console console = new Console();
        assertEquals(2, console.execute("inspect", work.resolve("missing.jar").toString()));
        assertTrue(console.err().startsWith("graft inspect: expected a plugin artifact, found nothing at "), console.err());
    }
}
