package dev.graft.cli.dev;

import dev.graft.core.ContractType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Kind {@code wat}: one {@code ID.wat} with the manifest in its {@code (; graft.manifest ... ;)}
 * comment (which WatCompiler embeds), a memory and the allocator the host calls (as the example
 * greeter's), and one exported stub per contract method, named like the method. Records are
 * refused (a stub would lay out the struct by hand).
 */
final class WatSkeleton implements PluginSkeleton {

    @Override
    public String kind() {
        return "wat";
    }

    @Override
    public Map<String, String> files(String id, List<ContractType<?>> contracts, String run) throws SkeletonException {
        ContractStubs.checkNoRecords(kind(), contracts);
        StringBuilder wat = new StringBuilder()
                .append("(; graft.manifest\n")
                .append("id       = ").append(id).append('\n')
                .append("version  = 0.1.0\n")
                .append("provides = ").append(ContractStubs.provides(contracts)).append('\n')
                .append(";)\n")
                .append(ContractStubs.lineComment(";; ", ContractStubs.intro(id, "a wasm plugin in WebAssembly text", contracts, run,
                        "Every save compiles it (WatCompiler, with the manifest above) and reloads it. docs/wasm-plugins.md",
                        "gives the types: a str or bytes arrives as (pointer, length) and returns as an i64,",
                        "length << 32 | pointer of memory from graft_alloc, which the host frees.")))
                .append(ALLOCATOR);
        for (ContractType<?> contract : contracts) {
            for (Method method : ContractStubs.methods(contract.type())) {
                wat.append("\n  ;; ").append(ContractStubs.javaSignature(method)).append(" (").append(contract.ref()).append(")\n")
                        .append("  (func (export \"").append(method.getName()).append("\")");
                for (Parameter p : method.getParameters()) {
                    GuestValue value = GuestValue.of(p.getType());
                    wat.append(" (param $").append(p.getName()).append(' ').append(watType(value)).append(')');
                    if (value == GuestValue.STR || value == GuestValue.BYTES) {
                        wat.append(" (param $").append(p.getName()).append("_len i32)");
                    }
                }
                GuestValue result = GuestValue.of(method.getReturnType());
                if (result != GuestValue.VOID) {
                    String type = result == GuestValue.STR || result == GuestValue.BYTES ? "i64" : watType(result);
                    wat.append(" (result ").append(type).append(")\n    (").append(type).append(".const 0)");
                }
                wat.append(")\n");
            }
        }
        wat.append(")\n");
        return Map.of(id + ".wat", wat.toString());
    }

    private static String watType(GuestValue value) {
        return switch (value) {
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            default -> "i32"; // int, boolean (0 or 1), and a str's or bytes' pointer
        };
    }

    /** The memory and the bump allocator of the memory convention (str and bytes need them). */
    private static final String ALLOCATOR = """
            (module
              ;; The host writes str and bytes arguments into buffers from graft_alloc, and frees results with
              ;; graft_free, last-in first-out: a bump allocator whose graft_free takes back the latest suffices.
              (memory (export "memory") 1)
              (global $top (mut i32) (i32.const 1024))

              (func (export "graft_alloc") (param $size i32) (result i32)
                (local $p i32) (local $end i32) (local $have i32)
                (local.set $p (global.get $top))
                (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8)))
                (local.set $have (i32.shl (memory.size) (i32.const 16)))
                (if (i32.gt_u (local.get $end) (local.get $have))
                  (then
                    (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16)) (i32.const 1)))
                                (i32.const -1))
                      (then (return (i32.const 0))))))
                (global.set $top (local.get $end))
                (local.get $p))

              (func (export "graft_free") (param $p i32) (param $size i32)
                (if (i32.eq (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7)) (i32.const -8))
                            (global.get $top))
                  (then (global.set $top (local.get $p)))))
            """;
}
