package dev.graft.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.core.host.HandleException.Reason;
import dev.graft.core.testing.Threads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The handle table's rules, one by one: a handle resolves to its own object and to nothing else;
 * a released, forged, foreign or retired handle is a {@link HandleException} with the right
 * reason and a message naming what was expected and what was found; scopes release their
 * handles last in first out; a slot that issued its last generation is never used again.
 */
class HandleTableTest {

    private final HandleTable table = new HandleTable();
    private final VersionHandles a1 = table.open("a@1.0.0#1");
    private final VersionHandles a2 = table.open("a@2.0.0#2");
    private final VersionHandles b1 = table.open("b@1.0.0#3");

    static HandleException refused(Reason reason, Executable use, String... fragments) {
        HandleException e = assertThrows(HandleException.class, use);
        assertEquals(reason, e.reason(), e::getMessage);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        }
        return e;
    }

    @Nested
    class Owned {

        @Test
        void aHandleResolvesToItsObjectForItsVersion() {
            Object first = new Object();
            Object second = new Object();
            long h1 = a1.owned(first);
            long h2 = a1.owned(second);

            assertSame(first, a1.resolve(h1, Object.class));
            assertSame(second, a1.resolve(h2, Object.class));
            assertTrue(h1 > 0 && h2 > 0 && h1 != h2, "positive, distinct, never 0: " + h1 + ", " + h2);
            assertEquals(2, a1.live());
            assertEquals(2, table.live());
        }

        @Test
        void aHandleAskedForAsAnotherTypeIsWrongType() {
            long h = a1.owned("text");

            assertEquals("text", a1.resolve(h, String.class));
            assertEquals("text", a1.resolve(h, CharSequence.class));
            HandleException e = refused(Reason.WRONG_TYPE, () -> a1.resolve(h, Integer.class),
                    "to refer to a java.lang.Integer, found a java.lang.String");
            assertEquals(h, e.handle());
        }

        @Test
        void aReleasedHandleIsRefusedAndReleasingItAgainToo() {
            long h = a1.owned("x");
            a1.release(h);

            refused(Reason.RELEASED, () -> a1.resolve(h, Object.class), "expected a live handle of a@1.0.0#1",
                    Handle.describe(h), "an owned handle of a@1.0.0#1 released since");
            refused(Reason.RELEASED, () -> a1.release(h));
            assertEquals(0, a1.live());
            assertEquals(0, table.live());
        }

        @Test
        void aReusedSlotNeverAnswersForTheHandleItHadBefore() {
            long old = a1.owned("old");
            a1.release(old);
            long reused = a1.owned("new");

            assertEquals(Handle.index(old), Handle.index(reused), "the slot is reused");
            assertNotEquals(old, reused, "with the next generation");
            assertEquals("new", a1.resolve(reused, String.class));
            refused(Reason.RELEASED, () -> a1.resolve(old, String.class), "the slot is at generation 2 now");
        }

        @Test
        void forgedValuesAreUnknown() {
            long real = a1.owned("x");
            List<Long> forged = List.of(
                    Handle.NONE, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                    real + (1L << 32), // a generation the slot never issued
                    Handle.of(Handle.index(real) + 1, 1), // a slot of the chunk never used
                    Handle.of(1 << 20, 1), // a slot the table does not have
                    real | (1L << 63)); // the top bit
            for (long value : forged) {
                refused(Reason.UNKNOWN, () -> a1.resolve(value, Object.class), "expected a handle this runtime issued, found "
                        + Handle.describe(value));
                refused(Reason.UNKNOWN, () -> a1.release(value));
            }
            assertEquals("x", a1.resolve(real, String.class), "refusing forged values changed nothing");
        }

        @Test
        void aHandleOfAnotherPluginOrAnotherVersionIsForeignWhateverItsBits() {
            long ofA1 = a1.owned("a1's");
            long ofB1 = b1.owned("b1's");

            refused(Reason.FOREIGN, () -> b1.resolve(ofA1, Object.class), "expected a handle of b@1.0.0#3",
                    "an owned handle of a@1.0.0#1");
            refused(Reason.FOREIGN, () -> a2.resolve(ofA1, Object.class), "expected a handle of a@2.0.0#2",
                    "an owned handle of a@1.0.0#1");
            refused(Reason.FOREIGN, () -> a1.release(ofB1));
            assertEquals("b1's", b1.resolve(ofB1, String.class), "a refused release released nothing");
        }

        @Test
        void nullIsNotAnObjectToHandOut() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a1.owned(null));
            assertTrue(e.getMessage().contains("expected an object to make a handle for, found null"), e.getMessage());
        }
    }

    @Nested
    class Retirement {

        @Test
        void retiringAVersionReleasesItsOwnedHandlesAndNoOneElses() {
            int before = table.live();
            long ofB = b1.owned("b");
            List<Long> ofA = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // more than one chunk
                ofA.add(a1.owned("a" + i));
            }

            a1.retire();

            assertEquals(0, a1.live());
            assertEquals(before + 1, table.live(), "only b's handle is left");
            for (long h : ofA) {
                refused(Reason.RELEASED, () -> a1.resolve(h, Object.class), "after that version was retired");
                refused(Reason.RELEASED, () -> a2.resolve(h, Object.class));
            }
            assertEquals("b", b1.resolve(ofB, String.class));
            a1.retire(); // idempotent
            assertTrue(a1.retired());
        }

        @Test
        void aRetiredVersionMakesNoNewHandles() {
            a1.retire();

            IllegalStateException owned = assertThrows(IllegalStateException.class, () -> a1.owned("x"));
            assertTrue(owned.getMessage().contains("found a@1.0.0#1 retired"), owned.getMessage());
            assertThrows(IllegalStateException.class, a1::scope);
            assertEquals(0, table.live());
        }

        @Test
        void scopedHandlesOfAVersionRetiredWhileTheirScopeIsOpenAreRefused() {
            try (HandleScope scope = a1.scope()) {
                long h = scope.handle("x");
                a1.retire();
                refused(Reason.RELEASED, () -> a1.resolve(h, Object.class), "after that version was retired");
                refused(Reason.FOREIGN, () -> a2.resolve(h, Object.class));
                IllegalStateException more = assertThrows(IllegalStateException.class, () -> scope.handle("y"));
                assertTrue(more.getMessage().contains("retired"), more.getMessage());
            }
            assertEquals(0, table.scopedOnThisThread(), "the scope still closed");
        }
    }

    @Nested
    class Scoped {

        @Test
        void scopedHandlesResolveWhileTheirScopeIsOpenAndAreReleasedWhenItCloses() {
            long h;
            try (HandleScope scope = a1.scope()) {
                h = scope.handle("request");
                assertEquals("request", a1.resolve(h, String.class));
                assertEquals(1, table.scopedOnThisThread());
                assertEquals(0, table.live(), "scoped handles are not owned ones");
            }
            assertEquals(0, table.scopedOnThisThread());
            refused(Reason.RELEASED, () -> a1.resolve(h, Object.class), "a scoped handle whose scope has closed");
        }

        @Test
        void scopesNestLastInFirstOut() {
            try (HandleScope outer = a1.scope()) {
                long o = outer.handle("outer");
                long i;
                try (HandleScope inner = b1.scope()) {
                    i = inner.handle("inner");
                    assertEquals("outer", a1.resolve(o, String.class));
                    assertEquals("inner", b1.resolve(i, String.class));
                    refused(Reason.FOREIGN, () -> a1.resolve(i, Object.class), "a scoped handle of b@1.0.0#3");
                }
                refused(Reason.RELEASED, () -> b1.resolve(i, Object.class));
                assertEquals("outer", a1.resolve(o, String.class), "the outer scope's handle outlives the inner scope");
                long again = outer.handle("again");
                assertEquals(Handle.index(i), Handle.index(again), "the inner scope's slot is used again");
                assertNotEquals(i, again);
            }
            assertEquals(0, table.scopedOnThisThread());
        }

        @Test
        void onlyTheInnermostScopeMakesHandles() {
            try (HandleScope outer = a1.scope(); HandleScope inner = a1.scope()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> outer.handle("x"));
                assertTrue(e.getMessage().contains("expected the innermost scope open on this thread, found 1 scope(s) open inside"),
                        e.getMessage());
                inner.handle("y");
            }
        }

        @Test
        void closingAnOuterScopeFirstClosesTheInnerOnesTooAndSaysSo() {
            HandleScope outer = a1.scope();
            long o = outer.handle("outer");
            HandleScope inner = a1.scope();
            long i = inner.handle("inner");

            IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
            assertTrue(e.getMessage().contains("found 1 still open; they were closed with it"), e.getMessage());
            assertEquals(0, table.scopedOnThisThread(), "nothing stays behind");
            refused(Reason.RELEASED, () -> a1.resolve(o, Object.class));
            refused(Reason.RELEASED, () -> a1.resolve(i, Object.class));
            IllegalStateException again = assertThrows(IllegalStateException.class, inner::close);
            assertTrue(again.getMessage().contains("closed already"), again.getMessage());
            assertThrows(IllegalStateException.class, () -> inner.handle("x"));
        }

        @Test
        void aScopeClosesOnce() {
            HandleScope scope = a1.scope();
            scope.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, scope::close);
            assertTrue(e.getMessage().contains("expected an open scope to close, found this scope of a@1.0.0#1 closed already"),
                    e.getMessage());
            IllegalStateException use = assertThrows(IllegalStateException.class, () -> scope.handle("x"));
            assertTrue(use.getMessage().contains("closed"), use.getMessage());
        }

        @Test
        void aScopedHandleIsNotReleasedByHand() {
            try (HandleScope scope = a1.scope()) {
                long h = scope.handle("x");
                refused(Reason.WRONG_KIND, () -> a1.release(h), "expected an owned handle to release", "a scoped handle");
                assertEquals("x", a1.resolve(h, String.class), "still live");
            }
        }

        @Test
        void aScopedHandleIsValidOnItsOwnThreadOnly() throws Exception {
            try (HandleScope scope = a1.scope()) {
                long h = scope.handle("mine");
                HandleException e = Threads.start("other", () -> assertThrows(HandleException.class,
                        () -> a1.resolve(h, Object.class))).result();
                assertEquals(Reason.FOREIGN, e.reason());
                assertTrue(e.getMessage().contains("expected a scoped handle of a scope open on this thread (other)"), e.getMessage());
                assertTrue(e.getMessage().contains("of a scope on thread " + Thread.currentThread().getName()), e.getMessage());
                IllegalStateException close = Threads.start("closer", () -> assertThrows(IllegalStateException.class,
                        scope::close)).result();
                assertTrue(close.getMessage().contains("found thread closer"), close.getMessage());
                assertEquals("mine", a1.resolve(h, String.class), "another thread's attempts changed nothing");
            }
        }

        @Test
        void nullIsNotAnObjectToHandOut() {
            try (HandleScope scope = a1.scope()) {
                assertThrows(IllegalArgumentException.class, () -> scope.handle(null));
            }
        }

        @Test
        void theBlocksOfThreadsThatEndedAreTakenBackAndTheirHandlesStayDead() throws Exception {
            // threads that end with a scope still open (a host bug): their blocks must come back, their handles stay dead
            List<Long> leaked = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                leaked.add(Threads.start("leaker-" + t, () -> a1.scope().handle("leaked")).result());
            }
            int chunksBefore = chunks();
            for (int t = 0; t < 40; t++) {
                Threads.start("user-" + t, () -> {
                    try (HandleScope scope = a1.scope()) {
                        return scope.handle("used");
                    }
                }).result();
            }
            assertTrue(chunks() - chunksBefore < 40, "blocks of ended threads are used again: " + (chunks() - chunksBefore) + " new");
            try (HandleScope scope = a1.scope()) {
                scope.handle("here");
                for (long h : leaked) {
                    HandleException e = assertThrows(HandleException.class, () -> a1.resolve(h, Object.class));
                    assertTrue(e.reason() == Reason.RELEASED || e.reason() == Reason.FOREIGN, e::getMessage);
                }
            }
        }

        private int chunks() {
            return table.chunkCount();
        }
    }

    @Nested
    class GenerationWrap {

        private static final int MAX = 3;
        private final HandleTable small = new HandleTable(MAX);
        private final VersionHandles v = small.open("v@1.0.0#1");

        @Test
        void anOwnedSlotThatIssuedItsLastGenerationIsNeverUsedAgain() {
            Set<Long> issued = new HashSet<>();
            List<Integer> slots = new ArrayList<>();
            for (int use = 0; use < 10 * MAX; use++) {
                long h = v.owned("use " + use);
                assertTrue(issued.add(h), "never issued twice: " + Handle.describe(h));
                slots.add(Handle.index(h));
                v.release(h);
            }
            assertEquals(10, small.retiredSlots(), "each slot retired after " + MAX + " uses");
            for (int slot = 0; slot < 10; slot++) {
                int s = slot;
                assertEquals(MAX, slots.stream().filter(x -> x == s).count(), "slot " + slot + " used exactly " + MAX + " times");
            }
            for (long h : issued) {
                refused(Reason.RELEASED, () -> v.resolve(h, Object.class));
            }
        }

        @Test
        void aScopedSlotThatIssuedItsLastGenerationIsNeverUsedAgain() {
            Set<Long> issued = new HashSet<>();
            for (int use = 0; use < 10 * MAX; use++) {
                try (HandleScope scope = v.scope()) {
                    long h = scope.handle("use " + use);
                    assertTrue(issued.add(h), "never issued twice: " + Handle.describe(h));
                }
            }
            assertEquals(10, small.retiredSlots());
            for (long h : issued) {
                refused(Reason.RELEASED, () -> v.resolve(h, Object.class));
            }
        }

        @Test
        void aLiveHandleIsNeverAliasedWhileOthersChurnAroundIt() {
            long kept = v.owned("kept");
            for (int use = 0; use < 100; use++) {
                long h = v.owned("churn " + use);
                assertNotEquals(kept, h);
                v.release(h);
                assertEquals("kept", v.resolve(kept, String.class));
            }
        }

        @Test
        void aTableNeedsAtLeastOneGeneration() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HandleTable(0));
            assertTrue(e.getMessage().contains("expected a highest generation of 1 or more, found 0"), e.getMessage());
        }

        @Test
        void theHighestGenerationFitsTheBits() {
            long h = Handle.of(Integer.MAX_VALUE, Handle.MAX_GENERATION);
            assertTrue(h > 0, "still positive");
            assertEquals(Integer.MAX_VALUE, Handle.index(h));
            assertEquals(Handle.MAX_GENERATION, Handle.generation(h));
        }
    }
}
