package dev.graft.cli.demo;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import dev.graft.wasm.ManifestSection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The plugins of the patch demo, one of each kind, each patching the host's function {@code price}
 * ({@code DoubleUnaryOperator}) with a body of its own: a JVM jar whose class halves the price and
 * a wasm module whose export adds one, written into a folder when the demo starts (they need no
 * toolchain), and a C plugin whose descriptor patches it with one off (examples/greeter-native's
 * {@code patch_price.c}, built by the build and carried in graft-cli's jar like the greeters).
 */
final class PatchDemoPlugins {

    static final String FUNCTION = "price";
    static final String JVM = "patch-jvm";
    static final String NATIVE = "patch-native";
    static final String WASM = "patch-wasm";

    private PatchDemoPlugins() {
    }

    /** The answer each plugin's body gives. */
    static double jvm(double x) {
        return x * 0.5;
    }

    static double nativeOneOff(double x) {
        return x - 1;
    }

    static double wasm(double x) {
        return x + 1;
    }

    /** A jar whose class {@code dev.graft.demo.HalfPrice} implements the function: {@code x * 0.5}. */
    static Path jvm(Path dir) {
        ClassDesc self = ClassDesc.of("dev.graft.demo.HalfPrice");
        byte[] bytes = ClassFile.of().build(self, cb -> cb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withSuperclass(CD_Object)
                .withInterfaceSymbols(DoubleUnaryOperator.class.describeConstable().orElseThrow())
                .withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                        .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void)).return_())
                .withMethodBody("applyAsDouble", MethodTypeDesc.of(CD_double, CD_double), ClassFile.ACC_PUBLIC, code -> code
                        .dload(1).ldc(0.5).dmul().dreturn()));
        String manifest = "id = " + JVM + "\nversion = 1.0.0\npatches = " + FUNCTION + "\npatch." + FUNCTION
                + " = dev.graft.demo.HalfPrice\n";
        Path jar = dir.resolve(JVM + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/graft-plugin.properties"));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("dev/graft/demo/HalfPrice.class"));
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** The C plugin whose descriptor patches the function: {@code *result = price - 1}, called through FFM. */
    static Path nativeOneOff(DemoArtifacts artifacts) {
        return artifacts.extract(NATIVE + ".so");
    }

    /** A module exporting {@code price}: {@code (func (param f64) (result f64) (f64.add (local.get 0) (f64.const 1)))}. */
    static Path wasm(Path dir) {
        byte[] module = {
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x06, 0x01, 0x60, 0x01, 0x7c, 0x01, 0x7c, // type 0: (param f64) (result f64)
            0x03, 0x02, 0x01, 0x00, // function 0 of type 0
            0x07, 0x09, 0x01, 0x05, 'p', 'r', 'i', 'c', 'e', 0x00, 0x00, // export "price" = function 0
            0x0a, 0x10, 0x01, 0x0e, 0x00, 0x20, 0x00, // code: no locals, local.get 0
            0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xf0, 0x3f, // f64.const 1.0
            (byte) 0xa0, 0x0b, // f64.add, end
        };
        String manifest = "id = " + WASM + "\nversion = 1.0.0\npatches = " + FUNCTION + "\n";
        return write(dir.resolve(WASM + ".wasm"), ManifestSection.embed(module, manifest));
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
