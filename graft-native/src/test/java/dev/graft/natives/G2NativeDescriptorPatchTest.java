package dev.graft.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.Graft;
import dev.graft.core.Inspection;
import dev.graft.core.ManifestException;
import dev.graft.core.PluginLinkException;
import dev.graft.core.event.GraftEvent;
import dev.graft.core.patch.PatchInfo;
import dev.graft.core.patch.Patchable;
import dev.graft.core.testing.InspectedAlike;
import dev.graft.examples.greeter.Greeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches a native plugin declares in its descriptor (graft.h ABI 4, {@code GRAFT_PLUGIN_PATCHES}
 * with bindgen's entry): the patch answers; it stacks like any plugin's patch (a reload replaces
 * exactly its patch, an unload restores what was below); a signature that does not fit the
 * function's interface, a function the host never declared, or a malformed entry fails the load
 * or reload and the old version keeps serving (G2); a library of ABI 3 still loads, patching
 * nothing; inspecting lists the patches without running the library.
 */
class G2NativeDescriptorPatchTest {

    @TempDir
    Path dir;

    @Test
    void aDescriptorPatchAnswersAndStacksAcrossReloadAndUnload() throws Exception {
        Path lower1 = PatchFixtures.discount(dir, "lower-v1", "lower", "1.0.0", "price * 0.8");
        Path lower2 = PatchFixtures.discount(dir, "lower-v2", "lower", "2.0.0", "price * 0.5");
        Path upper = PatchFixtures.discount(dir, "upper", "upper", "1.0.0", "price - 1");
        CountDownLatch retired = new CountDownLatch(3);
        try (Graft graft = Graft.builder().collectRetiredAfter(Duration.ZERO).subscribe(e -> {
            if (e instanceof GraftEvent.Retired) {
                retired.countDown();
            }
        }).build()) {
            Patchable<DoubleUnaryOperator> rule = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            DoubleUnaryOperator discount = rule.function();
            rule.patch(price -> price + 1); // the host's patch, at the bottom of the plugins'

            graft.load(lower1);
            assertEquals(80.0, discount.applyAsDouble(100));
            assertEquals(List.of("lower"), rule.patches().stream().map(PatchInfo::pluginId).skip(1).toList(), "the descriptor's patch");
            graft.load(upper);
            assertEquals(99.0, discount.applyAsDouble(100), "the plugin loaded last runs");

            graft.reload("lower", lower2);
            assertEquals(99.0, discount.applyAsDouble(100), "reloading the lower plugin leaves the upper on top");
            assertEquals(List.of("lower", "upper"), rule.patches().stream().map(PatchInfo::pluginId).skip(1).toList());
            graft.unload("upper");
            assertEquals(50.0, discount.applyAsDouble(100), "what was below runs again: the reloaded lower patch");
            graft.unload("lower");
            assertEquals(101.0, discount.applyAsDouble(100), "then the host's patch");
            assertTrue(retired.await(30, TimeUnit.SECONDS), "every replaced or unloaded version retires");
        }
    }

    @Test
    void aWrongSignatureAnUnknownNameOrABadEntryFailsTheReloadAndTheOldVersionServes() throws Exception {
        Path good = PatchFixtures.discount(dir, "good", "pricing", "1.0.0", "price * 0.8");
        Path mismatch = PatchFixtures.discountWithEntry(dir, "mismatch", "pricing", "2.0.0", "price",
                "{\"discount\", \"fn discount(i32) -> f64\", (const void *) patch_discount, 0}");
        Path unknown = PatchFixtures.discountWithEntry(dir, "unknown", "pricing", "2.0.0", "price",
                "{\"surcharge\", \"fn surcharge(f64) -> f64\", (const void *) patch_discount, 0}");
        Path unparsable = PatchFixtures.discountWithEntry(dir, "unparsable", "pricing", "2.0.0", "price",
                "{\"discount\", \"discount(f64) -> f64\", (const void *) patch_discount, 0}");
        Path noAddress = PatchFixtures.discountWithEntry(dir, "no-address", "pricing", "2.0.0", "price",
                "{\"discount\", \"fn discount(f64) -> f64\", NULL, 0}");
        Path twice = PatchFixtures.discountWithEntry(dir, "twice", "pricing", "2.0.0", "price",
                "DISCOUNT_PATCH, DISCOUNT_PATCH");
        Path badName = PatchFixtures.discountWithEntry(dir, "bad-name", "pricing", "2.0.0", "price",
                "{\"dis-count\", \"fn discount(f64) -> f64\", (const void *) patch_discount, 0}");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> rule = graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(good);
            String where = "patchable function 'discount' (java.util.function.DoubleUnaryOperator): ";
            assertEquals("plugin 'pricing' (mismatch.so): " + where + "expected fn discount(f64) -> f64, found fn discount(i32) -> f64",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", mismatch)).getMessage());
            assertEquals("plugin 'pricing' (unknown.so): expected a patchable function 'surcharge' declared by the host "
                    + "(patches = surcharge), found only discount",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", unknown)).getMessage());
            assertEquals("plugin 'pricing' (unparsable.so): " + where + "expected 'fn' at column 1 of signature "
                    + "'discount(f64) -> f64', found 'discount(f64'",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", unparsable)).getMessage());
            assertEquals("plugin 'pricing' (no-address.so): " + where + "expected an address for fn discount(f64) -> f64, found NULL",
                    assertThrows(PluginLinkException.class, () -> graft.reload("pricing", noAddress)).getMessage());
            assertEquals("plugin 'pricing' (twice.so): descriptor graft_plugin: expected each patchable function "
                    + "patched once, found discount twice",
                    assertThrows(ManifestException.class, () -> graft.reload("pricing", twice)).getMessage());
            assertEquals("plugin 'pricing' (bad-name.so): descriptor graft_plugin: expected a patchable function name "
                    + "of letters, digits and '_' (a C identifier, such as discount), found 'dis-count'",
                    assertThrows(ManifestException.class, () -> graft.reload("pricing", badName)).getMessage());
            assertEquals(80.0, rule.function().applyAsDouble(100), "the old version's patch runs on");
            assertEquals("1.0.0", graft.plugin("pricing").orElseThrow().version().toString());
            // graft inspect reads the descriptor from the file and judges each patch as the reload did
            for (Path refused : List.of(mismatch, unknown, unparsable, noAddress, twice, badName)) {
                InspectedAlike.assertInspectionRefusesAsReload(graft, "pricing", refused);
            }
        }
    }

    @Test
    void aFirstLoadThatFailsLeavesTheFunctionUnpatched() throws Exception {
        Path mismatch = PatchFixtures.discountWithEntry(dir, "mismatch", "pricing", "1.0.0", "price",
                "{\"discount\", \"fn discount(f64) -> i32\", (const void *) patch_discount, 0}");
        try (Graft graft = Graft.builder().build()) {
            Patchable<DoubleUnaryOperator> rule = graft.patchable("discount", DoubleUnaryOperator.class, price -> price * 2);
            assertEquals("plugin 'pricing' (mismatch.so): patchable function 'discount' (java.util.function.DoubleUnaryOperator): "
                    + "expected fn discount(f64) -> f64, found fn discount(f64) -> i32",
                    assertThrows(PluginLinkException.class, () -> graft.load(mismatch)).getMessage());
            assertEquals(200.0, rule.function().applyAsDouble(100));
            assertEquals(List.of(), rule.patches().stream().filter(p -> p.pluginId() != null).toList());
        }
    }

    /** The patches table is read with bounded counts and checked pointers, as the contracts table is (G5). */
    @Test
    void aMalformedPatchTableFailsTheLoadNamingTheField() throws Exception {
        Files.writeString(dir.resolve("discount.h"), NativePatchHeader.header("discount", DoubleUnaryOperator.class));
        String source = """
                #define GRAFT_IMPLEMENTATION
                #include "discount.h"
                graft_result patch_discount(double price, double *result) { *result = price; return graft_ok(); }
                static const graft_contract graft_contracts_[] = {};
                static const graft_patch graft_patches_[] __attribute__((unused)) = {DISCOUNT_PATCH};
                GRAFT_DESCRIPTOR_("pricing", "1.0.0", NULL, NULL, NULL, 0, NULL, 0, %s);
                """;
        Path tooMany = Fixtures.gccPlugin(Files.writeString(dir.resolve("too-many.c"), source.formatted("graft_patches_, 100000")));
        Path noArray = Fixtures.gccPlugin(Files.writeString(dir.resolve("no-array.c"), source.formatted("NULL, 1")));
        try (Graft graft = Graft.builder().build()) {
            graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            assertEquals("plugin 'pricing' (too-many.so): descriptor graft_plugin: expected at most 256 patches, found a count of 100000",
                    assertThrows(ManifestException.class, () -> graft.load(tooMany)).getMessage());
            assertEquals("plugin 'pricing' (no-array.so): descriptor graft_plugin: expected the patches array, found NULL",
                    assertThrows(ManifestException.class, () -> graft.load(noArray)).getMessage());
            assertEquals(List.of(), graft.patches());
        }
    }

    /** GRAFT_PLUGIN_IMPORTS_STATE_PATCHES: a host module imported, state kept, and a patch, in one descriptor. */
    @Test
    void aPatchOfAPluginWithImportsAndStateCountsItsCallsInTheStateAcrossAReload() throws Exception {
        Files.writeString(dir.resolve("discount.h"), NativePatchHeader.header("discount", DoubleUnaryOperator.class));
        String source = """
                #define GRAFT_IMPLEMENTATION
                #include "discount.h"
                #include "graft_log.h"
                typedef struct pricing_state { int64_t calls; } pricing_state;
                static pricing_state *state;
                static graft_result init(const graft_host *host) {
                    state = graft_state(host);
                    return graft_log_from(host)->info("pricing ready", 13);
                }
                graft_result patch_discount(double price, double *result) {
                    __atomic_fetch_add(&state->calls, 1, __ATOMIC_RELAXED);
                    *result = price * %s;
                    return graft_ok();
                }
                GRAFT_PLUGIN_IMPORTS_STATE_PATCHES("pricing", "%s", init, NULL, (GRAFT_LOG_IMPORT), "calls: i64",
                                                   sizeof(pricing_state), (DISCOUNT_PATCH));
                """;
        Path v1 = Fixtures.gccPlugin(Files.writeString(dir.resolve("counting-v1.c"), source.formatted("0.8", "1.0.0")));
        Path v2 = Fixtures.gccPlugin(Files.writeString(dir.resolve("counting-v2.c"), source.formatted("0.5", "2.0.0")));
        try (Graft graft = Graft.builder().build()) {
            DoubleUnaryOperator discount = graft.patchable("discount", DoubleUnaryOperator.class, price -> price).function();
            graft.load(v1);
            assertEquals(80.0, discount.applyAsDouble(100));
            assertEquals(80.0, discount.applyAsDouble(100));
            graft.reload("pricing", v2);
            assertEquals(50.0, discount.applyAsDouble(100));
            assertEquals(Optional.of(Map.of("calls", 3L)), graft.state("pricing"), "the state the patches counted in");
        }
    }

    @Test
    void anAbi3LibraryLoadsPatchingNothingAndNothingPastItsDescriptorIsRead() {
        try (Graft graft = Fixtures.greeterHost().build()) {
            graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            graft.load(Fixtures.copy("abi_v3", dir, "abi3.so"));
            assertEquals("Bad, x!", graft.contract(Greeter.class).greet("x"));
            assertEquals(List.of(), graft.patches());
        }
    }

    @Test
    void inspectingListsTheDescriptorsPatches() throws Exception {
        Path library = PatchFixtures.discount(dir, "inspected", "pricing", "1.0.0", "price * 0.8");
        try (Graft graft = Graft.builder().build()) {
            graft.patchable("discount", DoubleUnaryOperator.class, price -> price);
            Inspection inspection = graft.inspect(library);
            assertTrue(inspection.loadable(), () -> String.valueOf(inspection.refusal()));
            assertEquals(List.of("discount"), inspection.manifest().patches());
        }
    }
}
