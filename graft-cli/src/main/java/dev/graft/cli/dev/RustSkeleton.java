package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import dev.graft.natives.CBindgen;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kind {@code rust}: a cdylib crate on graft-sdk ({@code Cargo.toml}, {@code src/lib.rs}) with an
 * {@code extern "C"} stub per contract method and the descriptor ({@code graft_plugin!}). The
 * descriptor's signatures are taken from the C header {@link CBindgen} writes, the text the host
 * checks at link time. Records have no Rust stub yet: a contract with one is refused.
 */
final class RustSkeleton implements PluginSkeleton {

    private static final Pattern ENTRY = Pattern.compile("\\{\"(fn [^\"]*)\", \\(const void \\*\\) (\\w+),");

    @Override
    public String kind() {
        return "rust";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        ContractStubs.checkNoRecords(kind(), contracts);
        StringBuilder lib = new StringBuilder(ContractStubs.lineComment("//! ", ContractStubs.intro(id, "a native plugin in Rust",
                contracts, run, "Every save rebuilds it (cargo, offline; graft dev supplies graft-sdk) and reloads it.",
                "docs/native-plugins.md gives the calling convention, sdk/rust/README.md the crate.")))
                .append("#![allow(unused_variables)]\n\n")
                .append("use graft_sdk::{graft_plugin, GraftResult, OutBytes};\n")
                .append("use std::ffi::c_char;\n");
        StringBuilder descriptor = new StringBuilder();
        for (ContractType<?> contract : contracts) {
            descriptor.append("        { name: c\"").append(contract.name()).append("\", version: c\"")
                    .append(contract.version().toShortString()).append("\", functions: [\n");
            Matcher entry = ENTRY.matcher(ContractStubs.header(contract, CBindgen::header));
            while (entry.find()) {
                String function = entry.group(2);
                Method method = ContractStubs.method(contract, function);
                lib.append("\n/// ").append(ContractStubs.javaSignature(method)).append(": ").append(entry.group(1)).append('\n')
                        .append("extern \"C\" fn ").append(function).append('(').append(String.join(", ", parameters(method)))
                        .append(") -> GraftResult {\n")
                        .append("    ").append(body(GuestValue.of(method.getReturnType()))).append('\n')
                        .append("}\n");
                descriptor.append("            (c\"").append(entry.group(1)).append("\", ").append(function).append(", 0),\n");
            }
            descriptor.append("        ] },\n");
        }
        lib.append("\ngraft_plugin! {\n")
                .append("    id: c\"").append(id).append("\", version: c\"0.1.0\", init: None, shutdown: None,\n")
                .append("    contracts: [\n").append(descriptor).append("    ]\n")
                .append("}\n");
        String cargo = cargoToml(id, List.of("a native plugin in Rust (a cdylib).", "Run it with: " + run,
                "graft dev builds it with cargo, offline, and supplies graft-sdk (the sdk/rust crate graft carries)",
                "as a patch of crates-io: no registry is reached."), """

                [dependencies]
                graft-sdk = "0.1"
                """, "");
        return Map.of("Cargo.toml", cargo, "src/lib.rs", lib.toString());
    }

    /**
     * A skeleton's Cargo.toml: the comment {@code lines} (the first after "Plugin ID: "), the
     * package, a cdylib, {@code dependencies}, and profiles that abort on panic (a panic must not
     * unwind into the host), the release one ending with {@code release}.
     */
    static String cargoToml(String id, List<String> lines, String dependencies, String release) {
        List<String> comment = new ArrayList<>(lines);
        comment.set(0, "Plugin " + id + ": " + lines.getFirst());
        return ContractStubs.lineComment("# ", comment) + """
                [package]
                name = "%s"
                version = "0.1.0"
                edition = "2021"
                publish = false

                [lib]
                crate-type = ["cdylib"]
                path = "src/lib.rs"
                %s
                [profile.dev]
                panic = "abort"

                [profile.release]
                panic = "abort"
                %s""".formatted(crateName(id), dependencies, release);
    }

    /** A cargo package name from a plugin id: dots become dashes, and a leading digit gets {@code plugin-} before it. */
    static String crateName(String id) {
        String name = id.replace('.', '-');
        return Character.isDigit(name.charAt(0)) ? "plugin-" + name : name;
    }

    /** graft.h's parameters in Rust: a str or bytes is (pointer, length); a result in memory comes last, as a pointer. */
    private static List<String> parameters(Method method) {
        List<String> out = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            String name = p.getName();
            out.add(switch (GuestValue.of(p.getType())) {
                case STR -> name + ": *const c_char, " + name + "_len: usize";
                case BYTES -> name + ": *const u8, " + name + "_len: usize";
                default -> name + ": " + rustType(GuestValue.of(p.getType()));
            });
        }
        switch (GuestValue.of(method.getReturnType())) {
            case I64 -> out.add("result: *mut i64");
            case F64 -> out.add("result: *mut f64");
            case STR, BYTES -> out.add("result: *mut OutBytes");
            default -> { }
        }
        return out;
    }

    private static String rustType(GuestValue value) {
        return switch (value) {
            case I32 -> "i32";
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            default -> "bool";
        };
    }

    private static String body(GuestValue result) {
        return switch (result) {
            case I32 -> "GraftResult::i32(0)";
            case F32 -> "GraftResult::f32(0.0)";
            case BOOL -> "GraftResult::bool(false)";
            // Safety: the host passes a valid, zeroed slot for the result.
            case STR, BYTES -> "unsafe { &mut *result }.set_static(b\"\")";
            default -> "GraftResult::OK // a result in memory (*result) arrives zeroed: 0";
        };
    }
}
