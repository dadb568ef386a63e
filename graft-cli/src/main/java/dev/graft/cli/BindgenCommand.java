package dev.graft.cli;

import dev.graft.core.patch.PatchableException;
import dev.graft.natives.CBindgen;
import dev.graft.natives.NativePatchHeader;
import dev.graft.wasm.WasmBindgen;
import dev.graft.wasm.WasmPatchHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code graft bindgen}: writes the bindings guests in another language compile against, from a
 * contract's Java interface (the contract's one source of truth).
 *
 * <p>The interface comes from graft's own class path, or from {@code --classpath} through a class
 * loader whose parent is graft's: {@code dev.graft.api.Contract} then resolves to graft's copy, so
 * the annotation is seen even when the given path has a graft-api jar of its own.
 */
@Command(name = "bindgen",
        description = {
            "Writes a contract's bindings for plugins in another language.",
            "",
            "Reads the contract interface CLASS (annotated @Contract) and writes, for",
            "--lang c, the C header a native plugin includes: one prototype per method, a",
            "struct per record, and the descriptor entry with the signatures Graft checks",
            "when it links the plugin; for --lang wasm, the C header a WebAssembly plugin",
            "built with clang --target=wasm32 includes: one exported prototype per method",
            "in the wasm memory convention's types, a struct per record with its layout",
            "checked. CLASS may also be a host module interface (annotated @HostModule):",
            "the header then declares what the plugin calls (c: the module's table of",
            "functions; wasm: its imports).",
            "With --state RECORD instead of --class, writes the header of a plugin's state",
            "block from the Java record that declares it (docs/state.md): the C struct, the",
            "declaration text and size the descriptor (c) or manifest (wasm) carries, and",
            "static asserts that hold the compiler's layout to Graft's.",
            "With --patch NAME, CLASS is the functional interface of the host's patchable",
            "function NAME: writes the declaration of the function that patches it (c:",
            "patch_NAME and NAME_PATCH, the entry for GRAFT_PLUGIN_PATCHES, and for a",
            "library bound by a sidecar the plain prototype and the sidecar lines; wasm:",
            "the prototype exported as NAME), see docs/patchable.md.",
            "Writes to standard output, or to FILE with --out.",
            "In both languages a method's C function is named with the contract's (or",
            "module's) prefix, its name with dots as underscores in lower case: greet of",
            "example.greeter is example_greeter_greet, so no method clashes with the C",
            "library; the descriptor's signatures and the wasm exports and imports keep the",
            "method's name.",
            "Parameters are named as in the Java source only if CLASS was compiled with",
            "-parameters; otherwise they are arg0, arg1..., and for a contract a warning on",
            "standard error says so (not for --patch: the JDK's own functional interfaces",
            "have no names to give).",
            "Exit status 2 if CLASS is not found, or is not a contract a plugin in LANG",
            "can serve.",
        })
public final class BindgenCommand implements Callable<Integer> {

    /**
     * What one --lang writes: a contract's (or host module's) header, telling the consumer of
     * anything the user should fix (a contract compiled without -parameters), and a state record's
     * header.
     */
    private record Language(BiFunction<Class<?>, Consumer<String>, String> contract,
                            Function<Class<? extends Record>, String> state, BiFunction<String, Class<?>, String> patch) {
    }

    /** Every --lang; another language is one more entry. */
    private static final Map<String, Language> LANGUAGES = new TreeMap<>(Map.of(
            "c", new Language(CBindgen::header, CBindgen::stateHeader, NativePatchHeader::header),
            "wasm", new Language(WasmBindgen::cHeader, WasmBindgen::stateHeader, WasmPatchHeader::header)));

    @Spec
    private CommandSpec spec;

    @Option(names = "--lang", required = true, paramLabel = "LANG",
            description = "The guest language: c (the C header for native plugins) or wasm"
                    + " (the C header for WebAssembly plugins built with clang).")
    private String lang;

    @Option(names = "--class", paramLabel = "CLASS",
            description = "The contract interface's binary name, such as dev.graft.examples.greeter.Greeter.")
    private String className;

    @Option(names = "--state", paramLabel = "RECORD",
            description = "A state record's binary name: write its state block's header instead of a contract's.")
    private String stateName;

    @Option(names = "--patch", paramLabel = "NAME",
            description = "A patchable function's name: write the declaration a plugin patches it with, for the"
                    + " functional interface --class names (docs/patchable.md).")
    private String patchName;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars and folders to look in besides graft's own class path, separated as for java -cp.")
    private String classPath;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Language language = LANGUAGES.get(lang);
        if (language == null) {
            err.println("graft bindgen: expected --lang " + String.join(" or ", LANGUAGES.keySet()) + ", found " + lang);
            return GraftCommand.USAGE;
        }
        if ((className == null) == (stateName == null)) {
            err.println("graft bindgen: expected one of --class CLASS or --state RECORD, found "
                    + (className == null ? "neither" : "both"));
            return GraftCommand.USAGE;
        }
        Function<Class<?>, String> contractWriter = patchName != null ? type -> language.patch().apply(patchName, type)
                : type -> language.contract().apply(type, warning -> err.println("graft bindgen: " + warning));
        Function<Class<?>, String> stateWriter = type -> {
            if (!type.isRecord()) {
                throw new IllegalArgumentException("expected a record declaring a plugin's state, found "
                        + (type.isInterface() ? "an interface" : "a class that is not a record"));
            }
            return language.state().apply(type.asSubclass(Record.class));
        };
        String bindings;
        try {
            bindings = stateName == null ? generate(className, contractWriter) : generate(stateName, stateWriter);
        } catch (UsageException e) {
            err.println("graft bindgen: " + e.getMessage());
            return GraftCommand.USAGE;
        }
        return write(bindings, err);
    }

    /** Loads the contract interface (or state record) and writes its bindings, inside the lifetime of the class loader. */
    private String generate(String name, Function<Class<?>, String> writer) throws UsageException {
        try (HostClassPath hostClasses = HostClassPath.of("graft-bindgen", classPath)) {
            Class<?> contract = hostClasses.load(name);
            try {
                return writer.apply(contract);
            } catch (IllegalArgumentException | PatchableException e) { // not a contract, or one this language cannot serve
                throw new UsageException(name + ": " + e.getMessage());
            } catch (LinkageError e) { // a class its methods name is missing
                throw new UsageException("cannot load " + name + " from " + hostClasses.where() + ": " + e);
            }
        }
    }

    private int write(String bindings, PrintWriter err) {
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(bindings);
            stdout.flush();
            return 0;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, bindings);
            return 0;
        } catch (IOException e) {
            err.println("graft bindgen: cannot write " + out + ": " + e);
            return 1;
        }
    }
}
