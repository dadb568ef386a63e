package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code rust-wasm}: a {@code no_std} crate for {@code wasm32-unknown-unknown} with no
 * dependencies (as examples/greeter-wasm/src/main/rust/greeter.rs): the manifest in the
 * {@code graft.manifest} link section, the allocator the host calls, a panic handler, and one
 * exported stub per contract method, named like the method. Its Cargo.toml names the target,
 * which is how {@code graft dev} tells it from a native Rust plugin. Records are refused.
 */
final class RustWasmSkeleton implements PluginSkeleton {

    @Override
    public String kind() {
        return "rust-wasm";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        ContractStubs.checkNoRecords(kind(), contracts);
        StringBuilder lib = new StringBuilder(ContractStubs.lineComment("//! ", ContractStubs.intro(id, "a wasm plugin in Rust",
                contracts, run, "Every save rebuilds it for wasm32-unknown-unknown (cargo, or rustc alone) and reloads it.",
                "docs/rust-wasm-plugins.md explains each part; str and bytes arrive as (pointer, length), and",
                "return as len << 32 | pointer of memory from graft_alloc, which the host frees.")))
                .append("#![no_std]\n#![allow(unused_variables)]\n\n")
                .append("use core::arch::wasm32;\nuse core::ptr;\n\n")
                .append("// The manifest: the bytes of a static in the custom section \"graft.manifest\".\n")
                .append("#[used]\n#[link_section = \"graft.manifest\"]\n")
                .append("static GRAFT_MANIFEST: [u8; MANIFEST.len()] = *MANIFEST;\n")
                .append("const MANIFEST: &[u8; ");
        String manifest = "id       = " + id + "\nversion  = 0.1.0\nprovides = " + ContractStubs.provides(contracts) + "\n";
        lib.append(manifest.length()).append("] = b\"").append(manifest).append("\";\n").append(ALLOCATOR);
        for (ContractType<?> contract : contracts) {
            for (Method method : ContractStubs.methods(contract.type())) {
                GuestValue result = GuestValue.of(method.getReturnType());
                lib.append("\n// ").append(ContractStubs.javaSignature(method)).append(" (").append(contract.ref()).append(")\n")
                        .append("#[no_mangle]\npub extern \"C\" fn ").append(method.getName()).append('(')
                        .append(String.join(", ", parameters(method))).append(')')
                        .append(result == GuestValue.VOID ? "" : " -> " + rustType(result)).append(" {\n")
                        .append(result == GuestValue.VOID ? "" : "    " + defaultOf(result) + "\n")
                        .append("}\n");
            }
        }
        String cargo = RustSkeleton.cargoToml(id, List.of(
                "a wasm plugin in Rust, for the target wasm32-unknown-unknown (no_std, no dependencies).", "Run it with: " + run,
                "graft dev builds it with cargo --target wasm32-unknown-unknown where that works, else with rustc alone."),
                "", "opt-level = \"s\"\n");
        return Map.of("Cargo.toml", cargo, "src/lib.rs", lib.toString());
    }

    /** The allocator and panic handler every Rust wasm guest needs, as in the example greeter. */
    private static final String ALLOCATOR = """

            // The allocator the host calls: graft_alloc(size) -> ptr (0 when it cannot) and graft_free(ptr, size).
            // Upward from the linker's __heap_base, growing memory as needed; graft_free takes back only the most
            // recent allocation, which is all the host's last-in first-out frees need. One instance runs one call
            // at a time, so no atomics.
            extern "C" {
                static __heap_base: u8;
            }

            static mut TOP: usize = 0;

            #[no_mangle]
            pub unsafe extern "C" fn graft_alloc(size: u32) -> *mut u8 {
                if TOP == 0 {
                    TOP = ptr::addr_of!(__heap_base) as usize;
                }
                let start = TOP;
                let end = match start.checked_add(size as usize + 7) {
                    Some(end) => end & !7,
                    None => return ptr::null_mut(),
                };
                let have = wasm32::memory_size(0) * 65536;
                if end > have && wasm32::memory_grow(0, (end - have + 65535) / 65536) == usize::MAX {
                    return ptr::null_mut();
                }
                TOP = end;
                start as *mut u8
            }

            #[no_mangle]
            pub unsafe extern "C" fn graft_free(ptr: *mut u8, size: u32) {
                if (ptr as usize + size as usize + 7) & !7 == TOP {
                    TOP = ptr as usize;
                }
            }

            // A panic traps: the host gets a WasmTrapException and a new instance.
            #[panic_handler]
            fn panic(_: &core::panic::PanicInfo) -> ! {
                wasm32::unreachable()
            }
            """;

    private static List<String> parameters(Method method) {
        List<String> out = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            GuestValue value = GuestValue.of(p.getType());
            out.add(value == GuestValue.STR || value == GuestValue.BYTES
                    ? p.getName() + ": *const u8, " + p.getName() + "_len: u32"
                    : p.getName() + ": " + rustType(value));
        }
        return out;
    }

    private static String rustType(GuestValue value) {
        return switch (value) {
            case I32 -> "i32";
            case I64, STR, BYTES -> value == GuestValue.I64 ? "i64" : "u64";
            case F32 -> "f32";
            case F64 -> "f64";
            default -> "bool";
        };
    }

    private static String defaultOf(GuestValue result) {
        return switch (result) {
            case F32, F64 -> "0.0";
            case BOOL -> "false";
            default -> "0"; // a str or bytes of length 0 (len << 32 | ptr): the host reads nothing
        };
    }
}
